/**
 * Face data as files: face sets read from folders (LFW, ORL, the synthetic sample set), image
 * decoding, LFW's pairs and the bridge protocol's split of LFW into a public and a target half.
 * The lowest layer: uses only {@code config} (for errors that name the bad file), no ND4J.
 */
package org.bridge.data;
