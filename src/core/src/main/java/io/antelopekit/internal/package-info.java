/**
 * Helpers the SDK's own packages share across modules (quoting a user's value in an exception
 * message). Public only so that those packages can reach them: not API, and may change in any
 * release.
 */
package io.antelopekit.internal;
