/**
 * The generator's implementation: ABI type resolution, Java names, and the JavaPoet writer.
 * Not an API: it may change in any release.
 */
package io.antelopekit.codegen.internal;
