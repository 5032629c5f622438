/**
 * Bridge distillation's two learning steps on DL4J: step 1, the adaptation module F_a that turns
 * teacher features into compact targets; step 2, the student networks S-p-x-t trained on degraded
 * faces with classification and regression heads. Uses {@code data}, {@code nd} and
 * {@code config}; knows nothing of experiments or front ends.
 */
package org.bridge.distill;
