// WharfKit's ContractKit (@wharfkit/contract 1.2.1 on @wharfkit/antelope 1.2.0) reading the
// devnet's built-in kittest contract, for benchmarks/contract-side-by-side.sh:
//
//   node contract.mjs --url URL --cases ../contract-cases.json
//       prints one JSON object per read of the cases file: {"case", "rows"} with each row (or
//       read-only result, or balance) as Serializer.objectify gives it
//   node contract.mjs --rows FILE --abi FILE [--seconds 5] [--warmup 3]
//       decodes the rows of FILE (one hex row of kittest's `item` a line) with Serializer.decode
//       and the ABI, over and over; prints {"case": "decodeRows", "rowsPerSecond", "rows", "seconds"}
import {ABI, APIClient, Checksum256, Float64, Name, Serializer, UInt128} from '@wharfkit/antelope'
import {ContractKit} from '@wharfkit/contract'
import {readFileSync} from 'node:fs'

function arg(name, fallback) {
    const i = process.argv.indexOf(name)
    if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1]
    if (fallback === undefined) throw new Error(`missing ${name}`)
    return fallback
}

function now() {
    return Number(process.hrtime.bigint()) / 1e9
}

/** A bound in the key type's WharfKit class (a plain string would be read as a name). */
function bound(keyType, text) {
    if (text === undefined) return undefined
    switch (keyType) {
        case 'name': return Name.from(text)
        case 'float64': return Float64.from(Number(text))
        case 'sha256': return Checksum256.from(text)
        case 'i128': return UInt128.from(text)
        default: throw new Error(`no bound for key type ${keyType}`)
    }
}

function print(name, rows) {
    process.stdout.write(JSON.stringify({case: name, rows: Serializer.objectify(rows)}) + '\n')
}

async function compare() {
    const cases = JSON.parse(readFileSync(arg('--cases'), 'utf8'))
    const client = new APIClient({url: arg('--url')})
    const kit = new ContractKit({client})
    const contract = await kit.load(cases.contract)
    const table = contract.table(cases.table, cases.scope)
    for (const q of cases.queries) {
        const params = {rowsPerAPIRequest: cases.rowsPerRequest}
        if (q.position) {
            params.index_position = ['primary', 'secondary', 'tertiary', 'fourth', 'fifth'][q.position - 1]
            params.key_type = q.keyType
            params.from = bound(q.keyType, q.from)
            params.to = bound(q.keyType, q.to)
        }
        if (q.reverse) params.reverse = true
        if (q.maxRows) params.maxRows = q.maxRows
        print(q.name, await table.query(params).all())
    }
    for (const id of cases.gets) {
        const row = await table.get(id, {index_position: 'primary', key_type: 'i64'})
        print(`get ${id}`, row === undefined || row === null ? [] : [row])
    }
    for (const owner of cases.readOnly) {
        print(`stats ${owner}`, [await contract.readonly('stats', {scope: cases.scope, owner})])
    }
    const token = await kit.load('eosio.token')
    for (const account of cases.balances) {
        print(`balance ${account}`, await token.table('accounts', account).all())
    }
    print('scopes', await table.scopes().all())
}

function decodeRows() {
    const abi = ABI.from(JSON.parse(readFileSync(arg('--abi'), 'utf8')))
    const rows = readFileSync(arg('--rows'), 'utf8').split('\n').filter((l) => l.length > 0)
    const seconds = Number(arg('--seconds', '5'))
    const warmup = Number(arg('--warmup', '3'))
    const pass = () => {
        for (const data of rows) Serializer.decode({data, type: 'item', abi})
    }
    let end = now() + warmup
    while (now() < end) pass()
    let passes = 0
    const start = now()
    end = start + seconds
    while (now() < end) {
        pass()
        passes++
    }
    const elapsed = now() - start
    process.stdout.write(JSON.stringify({
        case: 'decodeRows', rowsPerSecond: (passes * rows.length) / elapsed, rows: rows.length, seconds: elapsed,
    }) + '\n')
}

if (process.argv.includes('--rows')) {
    decodeRows()
} else {
    await compare()
}
