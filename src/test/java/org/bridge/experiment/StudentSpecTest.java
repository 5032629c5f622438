package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bridge.distill.Supervision;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;

class StudentSpecTest {

    @Test
    void namesFollowThePaper() {
        assertEquals("S-16-sc-E", new StudentSpec(16, Supervision.sc, TeacherId.E).name());
        assertEquals(new StudentSpec(32, Supervision.dc, TeacherId.V), StudentSpec.parse("S-32-dc-V"));
        assertThrows(IllegalArgumentException.class, () -> StudentSpec.parse("S-16-xx-E"));
        assertThrows(IllegalArgumentException.class, () -> StudentSpec.parse("T-112-o-C"));
    }

    @Test
    void refusesCombinationsTheMethodDoesNotDefine() {
        assertTrue(new StudentSpec(16, Supervision.s, TeacherId.O).problem().orElseThrow().contains("needs a teacher"));
        assertTrue(new StudentSpec(16, Supervision.c, TeacherId.V).problem().isPresent());
        assertTrue(new StudentSpec(2, Supervision.c, TeacherId.O).problem().isPresent());
        for (TeacherId t : new TeacherId[] {TeacherId.V, TeacherId.C, TeacherId.E}) {
            for (Supervision x : new Supervision[] {Supervision.s, Supervision.dc, Supervision.sc}) {
                assertTrue(new StudentSpec(16, x, t).problem().isEmpty());
            }
        }
        assertTrue(new StudentSpec(96, Supervision.c, TeacherId.O).problem().isEmpty());
    }

    @Test
    void theRegressionTargetIsPartOfTheNameAndRoundTrips() {
        StudentSpec paper = StudentSpec.parse("S-16-sc-E");
        assertEquals(MimicTarget.ADAPTED, paper.target(), "the plain name is the paper's sc, onto f_a");
        StudentSpec pca = StudentSpec.parse("S-16-sc-E+pca");
        assertEquals(MimicTarget.TEACHER_PCA, pca.target());
        assertEquals("S-16-sc-E+pca", pca.name());
        assertEquals(pca, paper.withTarget(MimicTarget.TEACHER_PCA));
        assertTrue(!paper.equals(pca), "two targets, two students");
        for (String name : new String[] {"S-16-c-O", "S-16-dc-V", "S-32-s-C", "S-32-s-C+pca", "S-96-sc-V+pca"}) {
            assertEquals(name, StudentSpec.parse(name).name());
            assertTrue(StudentSpec.parse(name).problem().isEmpty(), name);
            assertEquals(StudentSpec.parse(name).name(), RunStore.safe(StudentSpec.parse(name).name()), "folder-safe");
        }
        // c and dc have nothing to choose: no suffix, and a suffix on them is refused by name.
        assertEquals("S-16-c-O", new StudentSpec(16, Supervision.c, TeacherId.O).withTarget(MimicTarget.TEACHER_PCA).name());
        assertEquals(MimicTarget.RAW, StudentSpec.parse("S-16-dc-V").target());
        assertTrue(StudentSpec.parse("S-16-dc-V+pca").problem().orElseThrow().contains("only s and sc"));
        assertTrue(StudentSpec.parse("S-16-c-O+pca").problem().isPresent());
        assertThrows(IllegalArgumentException.class, () -> StudentSpec.parse("S-16-sc-E+pcb"));
        assertThrows(IllegalArgumentException.class, () -> StudentSpec.parse("S-16-sc-E/pca"));
    }

    @Test
    void twoCellsDifferingOnlyInTargetHaveTwoRunFolders() {
        ExperimentCell paper = new ExperimentCell("x", StudentSpec.parse("S-16-sc-E"), "softmax", "A", 1);
        ExperimentCell pca = new ExperimentCell("x", StudentSpec.parse("S-16-sc-E+pca"), "softmax", "A", 1);
        assertTrue(!paper.id().equals(pca.id()), paper.id() + " vs " + pca.id());
        RunStore store = new RunStore(java.nio.file.Path.of("runs"));
        assertTrue(!store.folder("x", paper.id()).dir().equals(store.folder("x", pca.id()).dir()));
        assertEquals("S-16-sc-E+pca_softmax_splitA_seed1", pca.id());
    }
}
