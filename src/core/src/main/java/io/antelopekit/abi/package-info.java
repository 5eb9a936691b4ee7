/**
 * Contract ABIs: the {@link io.antelopekit.abi.AbiDefinition model} in JSON and binary form,
 * and the compiled {@link io.antelopekit.abi.Abi} that encodes values (JSON, maps, records,
 * chain value types) to the node's binary form and decodes it back, byte-exact with nodeos.
 *
 * <pre>{@code
 * Abi token = Abi.fromJson(abiJson);
 * byte[] data = token.encode("transfer", Map.of("from", "alice", "to", "bob",
 *         "quantity", "1.0000 EOS", "memo", ""));
 * JsonNode json = token.decode("transfer", data);
 * }</pre>
 *
 * <p>Every failure is an {@link io.antelopekit.abi.AbiSerializationException} naming the field
 * path ({@code transfer.quantity}) and what is wrong.
 */
package io.antelopekit.abi;
