// The reference implementation (WharfKit: @wharfkit/antelope 1.2.0, @wharfkit/session 1.7.0)
// on the same cases as antelopekit's JMH benchmarks, with the same inputs:
//   encode        AbiBenchmark.encodeRecord          a token transfer's data through the ABI
//   packAndId     TransactionBenchmark.packAndId     a fresh transaction packed and hashed to its id
//   k1Sign        SignatureBenchmark.k1CanonicalSign a canonical K1 signature of a fresh digest
//   transact      SessionTransactBenchmark.transact  Session.transact, private-key wallet, no broadcast
//                 (concurrency=1, broadcast=false), against the embedded devnet at --url
//
//   node bench.mjs --url http://127.0.0.1:8888 [--seconds 5] [--warmup 3]
//
// Prints one JSON object per case: {"case", "opsPerSecond", "ops", "seconds"}.
import {
    ABI, Action, Bytes, Checksum256, KeyType, PrivateKey, Serializer, Transaction,
} from '@wharfkit/antelope'
import {Session} from '@wharfkit/session'
import {WalletPluginPrivateKey} from '@wharfkit/wallet-plugin-privatekey'

function arg(name, fallback) {
    const i = process.argv.indexOf(name)
    if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1]
    if (fallback === undefined) throw new Error(`missing ${name}`)
    return fallback
}

const url = arg('--url')
const seconds = Number(arg('--seconds', '5'))
const warmup = Number(arg('--warmup', '3'))
const only = arg('--case', '')

// the SDK's fixtures (benchmarks/src/main/java/io/antelopekit/benchmarks/Fixtures.java)
const CHAIN_ID = '73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d'
const K1_KEY = '5HtZrngA3azMZSR5hb9RR1R5hhzqRGnBQNBB5A4upNhJnPbgZU7'
const TRANSFER = {from: 'alice', to: 'bob', quantity: '1.0000 EOS', memo: 'a benchmark memo'}

function now() {
    return Number(process.hrtime.bigint()) / 1e9
}

/** Runs fn for warmup seconds, then counts calls for the measured seconds. */
function measureSync(name, fn) {
    let end = now() + warmup
    while (now() < end) for (let i = 0; i < 64; i++) fn()
    let ops = 0
    const start = now()
    end = start + seconds
    while (now() < end) {
        for (let i = 0; i < 64; i++) fn()
        ops += 64
    }
    return report(name, ops, now() - start)
}

async function measureAsync(name, fn) {
    let end = now() + warmup
    while (now() < end) await fn()
    let ops = 0
    const start = now()
    end = start + seconds
    while (now() < end) {
        await fn()
        ops++
    }
    return report(name, ops, now() - start)
}

function report(name, ops, elapsed) {
    const line = {case: name, opsPerSecond: ops / elapsed, ops, seconds: elapsed}
    console.log(JSON.stringify(line))
    return line
}

async function main() {
    const abiJson = await (await fetch(`${url}/v1/chain/get_abi`, {
        method: 'POST', body: JSON.stringify({account_name: 'eosio.token'}),
    })).json()
    const abi = ABI.from(abiJson.abi)

    if (!only || only === 'encode') {
        measureSync('encode', () => Serializer.encode({object: TRANSFER, abi, type: 'transfer'}))
    }

    if (!only || only === 'packAndId') {
        const action = Action.from({
            account: 'eosio.token', name: 'transfer',
            authorization: [{actor: 'alice', permission: 'active'}], data: TRANSFER,
        }, abi)
        let counter = 0
        measureSync('packAndId', () => {
            counter++
            const trx = Transaction.from({
                expiration: 1_800_000_000 + counter, ref_block_num: 1234, ref_block_prefix: 0x12345678,
                max_net_usage_words: 0, max_cpu_usage_ms: 0, delay_sec: 0, actions: [action],
            })
            return trx.id
        })
    }

    if (!only || only === 'k1Sign') {
        const key = PrivateKey.from(K1_KEY)
        const digest = new Uint8Array(32)
        let counter = 0
        measureSync('k1Sign', () => {
            let c = counter++
            for (let i = 0; i < 6; i++) {
                digest[i] = c & 0xff
                c = Math.floor(c / 256)
            }
            return key.signDigest(Checksum256.from(digest))
        })
    }

    if (!only || only === 'transact') {
        const info = await (await fetch(`${url}/v1/chain/get_info`, {method: 'POST'})).json()
        const seed = Checksum256.hash(Bytes.from('antelopekit-devnet:alice', 'utf8'))
        const alice = new PrivateKey(KeyType.K1, Bytes.from(seed.array))
        const session = new Session({
            chain: {id: info.chain_id, url},
            actor: 'alice',
            permission: 'active',
            walletPlugin: new WalletPluginPrivateKey(alice),
        })
        let counter = 0
        await measureAsync('transact', () => session.transact({
            action: {
                account: 'eosio.token', name: 'transfer',
                authorization: [session.permissionLevel],
                data: {from: 'alice', to: 'bob', quantity: '0.0001 EOS', memo: `bench ${++counter}`},
            },
        }, {broadcast: false}))
    }
}

main().catch((e) => {
    console.error(e)
    process.exit(1)
})
