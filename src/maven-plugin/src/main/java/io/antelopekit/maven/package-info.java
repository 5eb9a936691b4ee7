/**
 * The Maven plugin of antelopekit's code generation: goals {@code generate} and
 * {@code generate-test}, thin wrappers over {@link io.antelopekit.codegen.ContractGenerator}.
 */
package io.antelopekit.maven;
