#!/usr/bin/env node
/*
 * Generates src/test/resources/org/bridge/teacher/tfjs-reference.json: what TensorFlow.js
 * (pure-JS CPU backend) computes for the three pretrained networks on fixed synthetic inputs.
 * TfjsReferenceTest runs the Java/ND4J runtime on the same inputs and compares.
 *
 * Usage (see README.md):  node gen.js <teacher-weight-cache> <output.json>
 *   <teacher-weight-cache> holds weights/human-3.3.6 and weights/face-api-1.7.15 as written by
 *   `java -jar target/bridge.jar teachers fetch` (default ~/.cache/bridge/teachers).
 *
 * Inputs: pattern(img, y, x, c) below, integers 0..255 computed with int32 arithmetic only, so
 * Java reproduces them bit for bit (TeacherReferenceInputs.pattern).
 */
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');

// face-api's Node bundle requires @tensorflow/tfjs-node, whose native binary cannot be
// downloaded here. The pure-JS @tensorflow/tfjs has the same API for everything the
// recognition net uses, so the bundle is pointed at it.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === '@tensorflow/tfjs-node' ? '@tensorflow/tfjs' : request, ...rest);
};
const tf = require('@tensorflow/tfjs');
const faceapi = require('@vladmandic/face-api/dist/face-api.node.js');

/** The synthetic test image: 0 = diagonal ramps, 1 = elliptic bowl, 2 = hash noise. */
function pattern(img, y, x, c) {
  switch (img) {
    case 0: return (3 * x + 2 * y + 85 * c) & 255;
    case 1: {
      const dx = x - 100;
      const dy = y - 90;
      return Math.min(255, ((dx * dx + 2 * dy * dy) >> 5) + 30 * c);
    }
    case 2: return (Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(c + 7, 83492791)) & 255;
    default: throw new Error('no pattern ' + img);
  }
}

/** [n, size, size, 3] float32 values f(pattern) for images 0..n-1; f gets (value, channel). */
function batch(n, size, f) {
  const data = new Float32Array(n * size * size * 3);
  let i = 0;
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        for (let c = 0; c < 3; c++) {
          data[i++] = f(b, y, x, c);
        }
      }
    }
  }
  return tf.tensor4d(data, [n, size, size, 3], 'float32');
}

function readWeights(dir, manifest) {
  const specs = [];
  const buffers = [];
  for (const group of manifest) {
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
    specs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  return { specs, data: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) };
}

/** A graph model from model.json + shards on disk (tf.io.fromMemory: no fetch, no tfjs-node). */
async function loadGraphModel(file) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { specs, data } = readWeights(path.dirname(file), json.weightsManifest);
  return tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs: specs,
    weightData: data,
  }));
}

const round = (v) => Number(v.toPrecision(8));
const rows = (t) => t.arraySync().map((r) => r.map(round));

async function main() {
  const cache = process.argv[2] || path.join(require('os').homedir(), '.cache', 'bridge', 'teachers');
  const out = process.argv[3] || 'tfjs-reference.json';
  await tf.setBackend('cpu');
  await tf.ready();
  const human = path.join(cache, 'weights', 'human-3.3.6');
  const faceApiDir = path.join(cache, 'weights', 'face-api-1.7.15');

  // V: faceres. Input = the teacher's preprocessing of the pattern: RGB -> BGR minus the
  // VGGFace2 means, no scaling.
  const meanBgr = [103.939, 116.779, 123.68];
  const faceres = await loadGraphModel(path.join(human, 'faceres.json'));
  const vIn = batch(3, 224, (b, y, x, c) => pattern(b, y, x, 2 - c) - meanBgr[c]);
  const vOut = faceres.execute({ input_1: vIn }, 'global_pooling/Mean');
  const faceresFeatures = rows(vOut);

  // C: face-api's own FaceRecognitionNet code on the raw 0..255 RGB pattern (it normalises
  // internally: (x - mean) / 255).
  const manifest = JSON.parse(fs.readFileSync(path.join(faceApiDir, 'face_recognition_model-weights_manifest.json'), 'utf8'));
  const { specs, data } = readWeights(faceApiDir, manifest);
  const net = faceapi.nets.faceRecognitionNet;
  net.loadFromWeightMap(tf.io.decodeWeights(data, specs));
  const cIn = batch(3, 150, (b, y, x, c) => pattern(b, y, x, c));
  // An array of 3-D tensors is face-api's batch input (a 4-D batch > 1 is refused).
  const descriptors = (await net.computeFaceDescriptor(tf.unstack(cIn))).map((d) => Array.from(d).map(round));

  // BlazeFace raw outputs on pattern 1 (256x256, x / 127.5 - 1). Scores in full; regressors
  // for every 8th anchor to keep the fixture small.
  const blaze = await loadGraphModel(path.join(human, 'blazeface.json'));
  const bIn = batch(1, 256, (b, y, x, c) => pattern(1, y, x, c) / 127.5 - 1);
  const names = ['Identity', 'Identity_1', 'Identity_2', 'Identity_3'];
  const bOut = blaze.execute({ input: bIn }, names);
  const blazeface = {};
  names.forEach((name, i) => {
    const t = bOut[i];
    const arr = t.arraySync()[0]; // [anchors][k]
    const every = t.shape[2] === 1 ? 1 : 8;
    blazeface[name] = {
      shape: t.shape,
      anchorStep: every,
      values: arr.filter((_, a) => a % every === 0).map((r) => r.map(round)),
    };
  });

  const result = {
    comment: 'Generated by src/test/tfjs-reference/gen.js; do not edit. See README.md there.',
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    faceres: { input: 'input_1', output: 'global_pooling/Mean', size: 224, images: [0, 1, 2], features: faceresFeatures },
    faceApi: { size: 150, images: [0, 1, 2], descriptors },
    blazeface: { input: 'input', size: 256, image: 1, outputs: blazeface },
  };
  fs.writeFileSync(out, JSON.stringify(result) + '\n');
  console.log(`wrote ${out}: faceres ${faceresFeatures.length}x${faceresFeatures[0].length}, `
    + `face-api ${descriptors.length}x${descriptors[0].length}, blazeface ${names.length} outputs (tfjs ${tf.version.tfjs}, ${tf.getBackend()})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
