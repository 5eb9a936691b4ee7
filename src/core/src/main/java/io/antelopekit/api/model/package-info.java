/**
 * Jackson models of the chain API's JSON objects ({@code /v1/chain/...}), as nodes send them.
 *
 * <p>Every model is an immutable record with the node's {@code snake_case} JSON names and Java
 * {@code camelCase} accessors. Values use the chain types ({@link io.antelopekit.chain.Name},
 * {@link io.antelopekit.chain.Asset}, {@link io.antelopekit.chain.Checksum256},
 * {@link io.antelopekit.chain.TimePoint}, {@link io.antelopekit.crypto.PublicKey}, ...); open-ended
 * parts (action data, exceptions, voter info) stay {@link com.fasterxml.jackson.databind.JsonNode}.
 * Read them with {@link io.antelopekit.api.model.ChainJson#mapper()}:
 *
 * <pre>{@code
 * ChainInfo info = ChainJson.mapper().readValue(body, ChainInfo.class);
 * int refBlockNum = info.refBlockNum(ChainInfo.TaposBlock.LAST_IRREVERSIBLE);
 * }</pre>
 *
 * <p>Conventions: a field the node omits or sends as {@code null} is {@code null} (lists and
 * {@code JsonNode} fields included) and is left out when the model is written back. 64-bit integers are read from JSON numbers or strings and written as the
 * node writes them: a string above {@code 0xffffffff} in magnitude, a number otherwise.
 * {@code JsonNode} values are shared, not copied: treat them as read-only.
 */
package io.antelopekit.api.model;
