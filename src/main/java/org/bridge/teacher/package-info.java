/**
 * Teacher networks: the pretrained face recognisers whose features the students learn from.
 *
 * <ul>
 * <li>Weights: {@link org.bridge.teacher.TeacherWeightsFetcher} fetches pinned npm packages into
 *     the cache that {@link org.bridge.teacher.TeacherWeights} describes.</li>
 * <li>Formats: {@link org.bridge.teacher.TfjsWeightsManifest} decodes TFJS weight manifests
 *     (with float16/uint8/uint16 dequantisation); {@link org.bridge.teacher.TfjsGraphModel} reads
 *     a TFJS graph model (GraphDef as JSON).</li>
 * <li>Execution on ND4J: {@link org.bridge.teacher.GraphRuntime} runs a graph model op by op
 *     with batch norm and activations folded at load time; {@link org.bridge.teacher.NdOps} wraps
 *     the libnd4j ops in TF's NHWC semantics; {@link org.bridge.teacher.FaceApiRecognitionNet}
 *     rebuilds face-api's ResNet from its weights.</li>
 * <li>Teachers: {@link org.bridge.teacher.Teacher} with V = {@link org.bridge.teacher.FaceresTeacher},
 *     C = {@link org.bridge.teacher.FaceApiTeacher}, E = {@link org.bridge.teacher.EnsembleTeacher},
 *     loaded by {@link org.bridge.teacher.Teachers}; crops by a
 *     {@link org.bridge.teacher.FaceCropper} such as {@link org.bridge.teacher.LfwFixedCrop} (fixed
 *     positions for pre-aligned sets) or {@link org.bridge.teacher.DetectorAlignedCrop} (per image:
 *     {@link org.bridge.teacher.BlazeFaceDetector} keypoints, two-eye similarity by
 *     {@link org.bridge.teacher.EyeAlignment}).</li>
 * </ul>
 *
 * <p>Every network is checked against TensorFlow.js on the same inputs
 * (src/test/tfjs-reference/).
 */
package org.bridge.teacher;
