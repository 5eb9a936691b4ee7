// The reference implementation (WharfKit: @wharfkit/antelope 1.2.0, @wharfkit/session 1.7.0)
// on the same cases as antelopekit's JMH benchmarks, with the same inputs:
//   encode        AbiBenchmark.encodeRecord          a token transfer's data through the ABI
//   packAndId     TransactionBenchmark.packAndId     a fresh transaction packed and hashed to its id
//   k1Sign        SignatureBenchmark.k1CanonicalSign a canonical K1 signature of a fresh digest
//   transact      SessionTransactBenchmark.transact  Session.transact, private-key wallet, no broadcast
//                 (concurrency=1, broadcast=false), against the embedded devnet at --url
//   transactBroadcast1, transactBroadcast64
//                 SessionTransactBenchmark.transact  the same, broadcast to the devnet (send_transaction),
//                 (broadcast=true, concurrency=1|64)  one after the other, or 64 transacts in flight
//   blocks        BlockReadBenchmark.readBlocks      get_block for each block of --blocks FROM:UNTIL
//                                                    (8 requests in flight, as the BlockStream's
//                                                    default prefetch), each action of each
//                                                    transaction unpacked and its data decoded with
//                                                    Serializer.decode and the token ABI (fetched once)
//
//   node bench.mjs --url http://127.0.0.1:8888 [--seconds 5] [--warmup 3] [--network-warmup SECONDS]
//                  [--blocks FROM:UNTIL] [--case NAME]
//
// Prints one JSON object per case: {"case", "opsPerSecond", "ops", "seconds"} (for blocks, an
// operation is one block; "actionsPerPass" is how many actions one pass over the range decoded).
import {
    ABI, Action, APIClient, Bytes, Checksum256, KeyType, PrivateKey, Serializer, Transaction,
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
// the cases that go through the devnet (transactBroadcast1, transactBroadcast64, blocks) warm up this long
const networkWarmup = Number(arg('--network-warmup', String(warmup)))
const only = arg('--case', '')
const blockRange = arg('--blocks', '')
// every run's memos carry a nonce of their own: the devnet refuses a duplicate transaction
const NONCE = `${process.pid.toString(16)}${Date.now().toString(16)}`

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

async function measureAsync(name, fn, warm = warmup) {
    let end = now() + warm
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

/** Keeps `concurrency` calls of fn in flight for warmup seconds, then counts completions for the measured seconds. */
async function measureConcurrent(name, concurrency, fn, warm = warmup) {
    async function run(until, counted) {
        let ops = 0
        const worker = async () => {
            while (now() < until) {
                await fn()
                if (counted) ops++
            }
        }
        await Promise.all(Array.from({length: concurrency}, worker))
        return ops
    }
    await run(now() + warm, false)
    const start = now()
    const ops = await run(start + seconds, true)
    return report(name, ops, now() - start)
}

function report(name, ops, elapsed, extra = {}) {
    const line = {case: name, opsPerSecond: ops / elapsed, ops, seconds: elapsed, ...extra}
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

    const transactCases = ['transact', 'transactBroadcast1', 'transactBroadcast64']
    if (!only || transactCases.includes(only)) {
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
        const transfer = (broadcast) => session.transact({
            action: {
                account: 'eosio.token', name: 'transfer',
                authorization: [session.permissionLevel],
                data: {from: 'alice', to: 'bob', quantity: '0.0001 EOS', memo: `wharfkit ${NONCE} ${++counter}`},
            },
        }, {broadcast})
        if (!only || only === 'transact') {
            await measureAsync('transact', () => transfer(false))
        }
        if (!only || only === 'transactBroadcast1') {
            await measureAsync('transactBroadcast1', () => transfer(true), networkWarmup)
        }
        if (!only || only === 'transactBroadcast64') {
            await measureConcurrent('transactBroadcast64', 64, () => transfer(true), networkWarmup)
        }
    }

    if ((!only || only === 'blocks') && blockRange) {
        const [from, until] = blockRange.split(':').map(Number)
        const client = new APIClient({url})
        const tokenAbi = ABI.from((await client.v1.chain.get_abi('eosio.token')).abi)
        const abis = new Map([['eosio.token', tokenAbi]])
        const inFlight = 8
        /** Reads and decodes blocks from..until, `inFlight` get_block requests ahead; returns the actions decoded. */
        async function readBlocks() {
            const pending = []
            let next = from
            let actions = 0
            let withActions = 0
            while (pending.length < inFlight && next <= until) pending.push(client.v1.chain.get_block(next++))
            while (pending.length > 0) {
                const block = await pending.shift()
                if (next <= until) pending.push(client.v1.chain.get_block(next++))
                let found = 0
                for (const receipt of block.transactions) {
                    if (String(receipt.status) !== 'executed') continue
                    const trx = receipt.trx.transaction
                    if (!trx) continue
                    for (const action of trx.actions) {
                        const abi = abis.get(String(action.account))
                        if (!abi) continue
                        const type = abi.getActionType(action.name)
                        Serializer.decode({data: action.data, abi, type})
                        found++
                    }
                }
                if (found === 0) throw new Error(`block ${block.block_num} has no decoded action`)
                actions += found
                withActions++
            }
            if (withActions !== until - from + 1) throw new Error(`read ${withActions} blocks of ${from}..${until}`)
            return actions
        }
        let end = now() + networkWarmup
        while (now() < end) await readBlocks()
        let blocks = 0
        let actions = 0
        const start = now()
        end = start + seconds
        while (now() < end) {
            actions += await readBlocks()
            blocks += until - from + 1
        }
        const passes = blocks / (until - from + 1)
        report('blocks', blocks, now() - start, {actionsPerPass: actions / passes, passes, from, until})
    }
}

main().catch((e) => {
    console.error(e)
    process.exit(1)
})
