/**
 * Code generation: typed Java classes for Antelope contracts, from their ABIs.
 *
 * <p>{@link io.antelopekit.codegen.ContractGenerator} is the library; {@link io.antelopekit.codegen.Cli}
 * its command line (the {@code -cli} jar); {@link io.antelopekit.codegen.AbiFetcher} reads an ABI
 * from a node. The Maven plugin {@code antelopekit-maven-plugin} calls the same library.
 *
 * <pre>{@code
 * java -jar antelopekit-codegen-<version>-cli.jar --abi token.abi.json --account eosio.token \
 *     --package com.example.contracts --out src/main/java
 * }</pre>
 */
package io.antelopekit.codegen;
