/**
 * Shared low-level plumbing every layer may use and which uses no other Bridge package: where
 * inputs and outputs live ({@link org.bridge.config.BridgeLocations}), strict settings-file
 * parsing, atomic writes and file claims, build info, and {@link org.bridge.config.UserFacingException},
 * the error that names the file or line a user must fix.
 */
package org.bridge.config;
