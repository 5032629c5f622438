package org.bridge.experiment.report;

import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bridge.config.UserFacingException;
import org.bridge.eval.Roc;
import org.bridge.eval.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCurvesTest {

    @TempDir Path runs;

    private List<RunGroup> groups() {
        return RunGroup.of(new RunStore(runs).list().stream().map(RunRecord::read).toList());
    }

    private static double area(List<RunCurves.RocPoint> pts) {
        double a = 0;
        for (int i = 1; i < pts.size(); i++) {
            a += (pts.get(i).fpr() - pts.get(i - 1).fpr()) * (pts.get(i).tpr() + pts.get(i - 1).tpr()) / 2;
        }
        return a;
    }

    @Test
    void oneSplitsRocIsItsRocCsvAndMatchesItsPairScores() {
        new RunFolderFixture(new RunStore(runs)).write("A");
        RunGroup g = groups().get(0);
        List<RunCurves.RocPoint> pts = RunCurves.roc(g);
        Roc fromScores = Roc.of(g.runs().get(0).pairScores().scores());
        assertEquals(fromScores.points().size(), pts.size());
        for (int i = 0; i < pts.size(); i++) {
            assertEquals(fromScores.points().get(i).fpr(), pts.get(i).fpr(), 1e-6);
            assertEquals(fromScores.points().get(i).tpr(), pts.get(i).tpr(), 1e-6);
        }
        assertEquals(Double.POSITIVE_INFINITY, pts.get(0).threshold());
        assertEquals(g.row().auc(), area(pts), 1e-5);
    }

    @Test
    void aFullLfwRowPoolsBothHalvesScores() {
        RunFolderFixture fx = new RunFolderFixture(new RunStore(runs));
        fx.write("A");
        fx.write("B");
        RunGroup g = groups().get(0);
        List<RunCurves.RocPoint> pts = RunCurves.roc(g);
        Roc pooled = Verification.evaluate(List.of(g.runs().get(0).pairScores(), g.runs().get(1).pairScores())).roc();
        assertEquals(pooled.points().size(), pts.size());
        assertEquals(pooled.auc(), area(pts), 1e-12);
        assertEquals(g.row().auc(), area(pts), 1e-12);
        // Neither half's own curve: the pooled one has a point per distinct score of both halves.
        assertTrue(pts.size() > RunCurves.readRoc(g.runs().get(0).folder().file(RunFolder.ROC)).size());
    }

    @Test
    void cmcOfTwoSplitsIsTheMeanPerRankOverTheRanksBothHave() {
        RunFolderFixture fx = new RunFolderFixture(new RunStore(runs));
        fx.cmcRanks(20).write("A");
        fx.cmcRanks(12).write("B");
        RunGroup g = groups().get(0);
        RunCurves.Cmc a = RunCurves.readCmc(g.runs().get(0).folder().file(RunFolder.CMC));
        RunCurves.Cmc b = RunCurves.readCmc(g.runs().get(1).folder().file(RunFolder.CMC));
        RunCurves.Cmc both = RunCurves.cmc(g);
        assertEquals(12, both.ranks());
        for (int k = 0; k < 12; k++) {
            assertEquals((a.softmax()[k] + b.softmax()[k]) / 2, both.softmax()[k], 1e-12);
            assertEquals((a.nearestClassMean()[k] + b.nearestClassMean()[k]) / 2, both.nearestClassMean()[k], 1e-12);
        }
        // The table's top-1 is the mean of the results.json values, which the curves start at.
        assertEquals(g.row().top1(), both.softmax()[0], 1e-6);
    }

    @Test
    void oneSplitsCmcIsItsFile() {
        new RunFolderFixture(new RunStore(runs)).cmcRanks(7).write("B");
        RunCurves.Cmc c = RunCurves.cmc(groups().get(0));
        assertArrayEquals(RunCurves.readCmc(groups().get(0).runs().get(0).folder().file(RunFolder.CMC)).softmax(),
                c.softmax());
        assertEquals(7, c.ranks());
    }

    @Test
    void damagedCurveFilesAreReportedWithFileAndLine() throws Exception {
        Path roc = runs.resolve("roc.csv");
        Files.writeString(roc, "fpr,tpr,threshold\n0,0,Infinity\n0.5,x,0.3\n");
        UserFacingException e = assertThrows(UserFacingException.class, () -> RunCurves.readRoc(roc));
        assertTrue(e.getMessage().contains(roc + " line 3"), e.getMessage());

        Files.writeString(roc, "fpr,tpr,threshold\n0,1.5,0.2\n");
        e = assertThrows(UserFacingException.class, () -> RunCurves.readRoc(roc));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());

        Path cmc = runs.resolve("cmc.csv");
        Files.writeString(cmc, "rank,softmax,nearest_class_mean\n1,0.5,0.4\n3,0.6,0.5\n");
        e = assertThrows(UserFacingException.class, () -> RunCurves.readCmc(cmc));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("expected rank 2"), e.getMessage());

        Files.writeString(cmc, "rank,top1\n1,0.5\n");
        e = assertThrows(UserFacingException.class, () -> RunCurves.readCmc(cmc));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
}
