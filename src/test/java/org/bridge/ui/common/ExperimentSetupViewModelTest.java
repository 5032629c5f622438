package org.bridge.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bridge.distill.Supervision;
import org.bridge.teacher.TeacherId;
import org.junit.jupiter.api.Test;

/** The view model needs no window: JavaFX properties work without a toolkit. */
class ExperimentSetupViewModelTest {

    @Test
    void followsTheMethodsRules() {
        ExperimentSetupViewModel vm = new ExperimentSetupViewModel();
        assertEquals("S-16-sc-E", vm.studentNameBinding().get());
        vm.teacherProperty().set(TeacherId.O);
        assertTrue(vm.problem().isPresent());
        vm.supervisionProperty().set(Supervision.c);
        assertTrue(vm.problem().isEmpty());
        vm.resolutionProperty().set(4);
        assertTrue(vm.problemBinding().get().contains("resolution"));
        vm.resolutionProperty().set(96);
        assertEquals("S-96-c-O", vm.studentNameBinding().get());
    }
}
