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
}
