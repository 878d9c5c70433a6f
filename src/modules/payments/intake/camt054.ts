import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type {
  BankNotification,
  BankNotificationResult,
  CreditDebit,
  FileProblem,
  NotificationTransaction,
  PaymentIntakeProblemCode,
} from './model.js';

/**
 * The bank's ISO 20022 camt.054 notification (BankToCustomerDebitCreditNotification) of money
 * booked on the authority's account, read into transactions with their KID and amount in øre.
 *
 * The file is untrusted input: it is size-bounded, must be well-formed, may declare no document
 * type (so no entity can expand, and the parser expands none anyway), and every figure it gives
 * about itself is checked against its transactions before anything is imported. Versions 001.02
 * to 001.13 are read: they moved the transaction amount (`AmtDtls/TxAmt/Amt` → `Amt`), the status
 * (`Sts` → `Sts/Cd`) and the debtor's name (`Dbtr/Nm` → `Dbtr/Pty/Nm`); both forms are accepted.
 */

/** Larger than a day's notification for a busy account (10,000 lines are about 12 MB). */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

const NAMESPACE = /xmlns(?::[A-Za-z_][\w.-]*)?\s*=\s*["']urn:iso:std:iso:20022:tech:xsd:camt\.054\.001\.(\d{2})["']/;
const FIRST_VERSION = 2;
const LAST_VERSION = 13;

/** Elements that may repeat, read as lists even when the file has one. */
const REPEATING = new Set(['Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Strd', 'CdtrRefInf', 'Ustrd']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATING.has(name),
});

type Path = readonly (string | number)[];
type Node = Record<string, unknown>;

class Rejected extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.message);
  }
}

function reject(code: PaymentIntakeProblemCode, path: Path, message: string): never {
  throw new Rejected({ code, path, message });
}

const malformed = (path: Path, message: string): never => reject('FILE_MALFORMED', path, message);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function node(parent: Node, name: string, path: Path): Node {
  const value = parent[name];
  if (!isNode(value)) malformed([...path, name], `${name} is missing or is not an element with children.`);
  return value as Node;
}

function optionalNode(parent: Node | undefined, name: string): Node | undefined {
  const value = parent?.[name];
  return isNode(value) ? value : undefined;
}

function list(parent: Node, name: string): Node[] {
  const value = parent[name];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** The text of a leaf element, or of an element with attributes (`#text`). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  return undefined;
}

function optionalText(parent: Node | undefined, name: string): string | null {
  const text = textOf(parent?.[name]);
  return text === undefined || text === '' ? null : decodeEntities(text);
}

function requiredText(parent: Node, name: string, path: Path): string {
  return optionalText(parent, name) ?? malformed([...path, name], `${name} is missing or empty.`);
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's own five entities and character references; nothing else can be declared (no DOCTYPE). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return PREDEFINED[name] ?? whole;
  });
}

const AMOUNT = /^(0|[1-9]\d{0,15})(?:\.(\d{1,5}))?$/;

/** An ISO 20022 decimal amount as whole øre; more decimals than øre (other than zeros) is malformed. */
export function amountInOre(text: string, path: Path): bigint {
  const match = AMOUNT.exec(text);
  if (!match) return malformed(path, `"${text}" is not an amount (digits, at most one decimal point).`);
  const whole = match[1] as string;
  const decimals = (match[2] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) return malformed(path, `"${text}" has more decimals than øre.`);
  return BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0'));
}

function amountElement(parent: Node, name: string, path: Path): { amountOre: bigint; currency: string } {
  const value = parent[name];
  const at = [...path, name];
  const text = textOf(value);
  if (text === undefined || text === '') return malformed(at, `${name} is missing or empty.`);
  const currency = isNode(value) ? value['@Ccy'] : undefined;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    return malformed(at, `${name} has no Ccy attribute with a three-letter currency code.`);
  return { amountOre: amountInOre(text, at), currency };
}

function direction(parent: Node, path: Path): CreditDebit {
  const code = requiredText(parent, 'CdtDbtInd', path);
  if (code === 'CRDT') return 'CREDIT';
  if (code === 'DBIT') return 'DEBIT';
  return malformed([...path, 'CdtDbtInd'], `CdtDbtInd is "${code}", not CRDT or DBIT.`);
}

/** `Sts` is a code up to 001.08 and `Sts/Cd` from 001.09 on. */
function status(entry: Node, path: Path): string {
  const value = entry.Sts;
  const code = isNode(value) ? optionalText(value, 'Cd') : optionalText(entry, 'Sts');
  return code ?? malformed([...path, 'Sts'], 'Sts (the entry status) is missing.');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function bookingDate(entry: Node, path: Path): string {
  const at = [...path, 'BookgDt'];
  const booking = node(entry, 'BookgDt', path);
  const text = optionalText(booking, 'Dt') ?? optionalText(booking, 'DtTm')?.slice(0, 10) ?? null;
  if (text === null) return malformed(at, 'BookgDt has neither Dt nor DtTm.');
  const date = new Date(`${text}T00:00:00Z`);
  if (!ISO_DATE.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text)
    return malformed(at, `"${text}" is not a calendar date (YYYY-MM-DD).`);
  return text;
}

function creditorReference(details: Node): string | null {
  const remittance = optionalNode(details, 'RmtInf');
  if (!remittance) return null;
  for (const structured of list(remittance, 'Strd')) {
    for (const reference of list(structured, 'CdtrRefInf')) {
      const ref = optionalText(reference, 'Ref');
      if (ref !== null) return ref;
    }
  }
  return null;
}

function unstructured(details: Node): string | null {
  const remittance = optionalNode(details, 'RmtInf');
  const lines = remittance?.Ustrd;
  if (!Array.isArray(lines)) return null;
  const text = lines
    .map(textOf)
    .filter((line): line is string => line !== undefined && line !== '')
    .map(decodeEntities)
    .join(' ');
  return text === '' ? null : text;
}

function debtorName(details: Node): string | null {
  const debtor = optionalNode(optionalNode(details, 'RltdPties'), 'Dbtr');
  return optionalText(debtor, 'Nm') ?? optionalText(optionalNode(debtor, 'Pty'), 'Nm');
}

/** The transaction's own amount: `Amt` from 001.03 on, `AmtDtls/TxAmt/Amt` in 001.02. */
function transactionAmount(details: Node, path: Path): { amountOre: bigint; currency: string } | null {
  if (details.Amt !== undefined) return amountElement(details, 'Amt', path);
  const txAmount = optionalNode(optionalNode(details, 'AmtDtls'), 'TxAmt');
  if (txAmount) return amountElement(txAmount, 'Amt', [...path, 'AmtDtls', 'TxAmt']);
  return null;
}

function signed(amountOre: bigint, side: CreditDebit, of: CreditDebit): bigint {
  return side === of ? amountOre : -amountOre;
}

function totalsMismatch(path: Path, what: string, stated: bigint | number, counted: bigint | number): never {
  return reject('FILE_TOTALS_MISMATCH', path, `${what} is ${stated} in the file but ${counted} by its transactions.`);
}

function count(parent: Node, name: string, path: Path): number {
  const text = requiredText(parent, name, path);
  if (!/^\d{1,15}$/.test(text)) malformed([...path, name], `${name} "${text}" is not a count.`);
  return Number(text);
}

interface EntryFigures {
  readonly amountOre: bigint;
  readonly direction: CreditDebit;
  readonly transactions: number;
}

function readEntry(entry: Node, path: Path, into: NotificationTransaction[]): EntryFigures {
  const amount = amountElement(entry, 'Amt', path);
  const side = direction(entry, path);
  const booked = status(entry, path) === 'BOOK';
  const reversal = optionalText(entry, 'RvslInd') === 'true';
  const date = bookingDate(entry, path);
  const entryReference = optionalText(entry, 'AcctSvcrRef');
  const base = { booked, reversal, bookingDate: date };

  const batches = list(entry, 'NtryDtls');
  const details = batches.flatMap((batch, b) => list(batch, 'TxDtls').map((tx, t) => ({ tx, b, t })));
  if (details.length === 0) {
    into.push({
      ...base,
      path,
      ...amount,
      direction: side,
      bankReference: entryReference,
      endToEndId: null,
      creditorReference: null,
      unstructuredRemittance: null,
      debtorName: null,
    });
    return { amountOre: amount.amountOre, direction: side, transactions: 1 };
  }

  const batchSums = batches.map(() => ({ amountOre: 0n, transactions: 0 }));
  let entrySum = 0n;
  for (const { tx, b, t } of details) {
    const at = [...path, 'NtryDtls', b, 'TxDtls', t];
    const own = transactionAmount(tx, at);
    if (!own && details.length > 1)
      malformed([...at, 'Amt'], 'An entry with several transactions needs the amount of each.');
    const txAmount = own ?? amount;
    const txSide = tx.CdtDbtInd === undefined ? side : direction(tx, at);
    const refs = optionalNode(tx, 'Refs');
    into.push({
      ...base,
      path: at,
      ...txAmount,
      direction: txSide,
      bankReference: optionalText(refs, 'AcctSvcrRef') ?? entryReference,
      endToEndId: optionalText(refs, 'EndToEndId'),
      creditorReference: creditorReference(tx),
      unstructuredRemittance: unstructured(tx),
      debtorName: debtorName(tx),
    });
    const contribution = signed(txAmount.amountOre, txSide, side);
    entrySum += contribution;
    const sums = batchSums[b] as { amountOre: bigint; transactions: number };
    sums.amountOre += contribution;
    sums.transactions += 1;
    if (txAmount.currency !== amount.currency)
      malformed([...at, 'Amt'], `The transaction is in ${txAmount.currency} but its entry in ${amount.currency}.`);
  }

  batches.forEach((batch, b) => {
    const header = optionalNode(batch, 'Btch');
    if (!header) return;
    const at = [...path, 'NtryDtls', b, 'Btch'];
    const sums = batchSums[b] as { amountOre: bigint; transactions: number };
    if (header.NbOfTxs !== undefined) {
      const stated = count(header, 'NbOfTxs', at);
      if (stated !== sums.transactions) totalsMismatch([...at, 'NbOfTxs'], 'NbOfTxs', stated, sums.transactions);
    }
    if (header.TtlAmt !== undefined) {
      const stated = amountElement(header, 'TtlAmt', at).amountOre;
      if (stated !== sums.amountOre) totalsMismatch([...at, 'TtlAmt'], 'TtlAmt', stated, sums.amountOre);
    }
  });
  if (entrySum !== amount.amountOre) totalsMismatch([...path, 'Amt'], "The entry's Amt", amount.amountOre, entrySum);
  return { amountOre: amount.amountOre, direction: side, transactions: details.length };
}

interface Tally {
  entries: number;
  sum: bigint;
}

function checkTally(summary: Node | undefined, name: string, tally: Tally, path: Path): void {
  const group = optionalNode(summary, name);
  if (!group) return;
  const at = [...path, 'TxsSummry', name];
  if (group.NbOfNtries !== undefined) {
    const stated = count(group, 'NbOfNtries', at);
    if (stated !== tally.entries) totalsMismatch([...at, 'NbOfNtries'], `${name}/NbOfNtries`, stated, tally.entries);
  }
  if (group.Sum !== undefined) {
    const stated = amountInOre(requiredText(group, 'Sum', at), [...at, 'Sum']);
    if (stated !== tally.sum) totalsMismatch([...at, 'Sum'], `${name}/Sum`, stated, tally.sum);
  }
}

function readNotification(notification: Node, path: Path, into: NotificationTransaction[]) {
  const id = requiredText(notification, 'Id', path);
  const accountId = optionalNode(optionalNode(notification, 'Acct'), 'Id');
  const account = optionalText(accountId, 'IBAN') ?? optionalText(optionalNode(accountId, 'Othr'), 'Id');
  const all: Tally = { entries: 0, sum: 0n };
  const credits: Tally = { entries: 0, sum: 0n };
  const debits: Tally = { entries: 0, sum: 0n };
  let transactions = 0;
  let total = 0n;
  list(notification, 'Ntry').forEach((entry, e) => {
    const figures = readEntry(entry, [...path, 'Ntry', e], into);
    const side = figures.direction === 'CREDIT' ? credits : debits;
    for (const tally of [all, side]) {
      tally.entries += 1;
      tally.sum += figures.amountOre;
    }
    transactions += figures.transactions;
    total += figures.amountOre;
  });
  const summary = optionalNode(notification, 'TxsSummry');
  checkTally(summary, 'TtlNtries', all, path);
  checkTally(summary, 'TtlCdtNtries', credits, path);
  checkTally(summary, 'TtlDbtNtries', debits, path);
  return { id, account, transactions, total };
}

/**
 * Reads a camt.054 file. Never throws on the file's content: every problem is returned with the
 * path of the element it concerns, and a file with any problem yields no transactions at all.
 */
export function parseBankNotification(
  text: string,
  options: { readonly maxBytes?: number } = {},
): BankNotificationResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  try {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > maxBytes) reject('FILE_TOO_LARGE', [], `The file is ${size} bytes; at most ${maxBytes} are accepted.`);
    return { ok: true, notification: read(text) };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, problem: error.problem };
    throw error;
  }
}

function read(text: string): BankNotification {
  if (/<!(DOCTYPE|ENTITY)/i.test(text))
    malformed(['!DOCTYPE'], 'A bank notification declares no document type or entities; this file does.');
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    malformed([], `Not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  const version = NAMESPACE.exec(text)?.[1];
  const number = Number(version);
  if (version === undefined || number < FIRST_VERSION || number > LAST_VERSION)
    malformed(['Document'], 'The document is not in a camt.054.001.02 to camt.054.001.13 namespace.');

  const root = parser.parse(text) as Node;
  const document = node(root, 'Document', []);
  const path: Path = ['Document', 'BkToCstmrDbtCdtNtfctn'];
  const message = node(document, 'BkToCstmrDbtCdtNtfctn', ['Document']);
  const header = node(message, 'GrpHdr', path);
  const headerPath = [...path, 'GrpHdr'];
  const messageId = requiredText(header, 'MsgId', headerPath);
  const createdAt = requiredText(header, 'CreDtTm', headerPath);

  const notifications = list(message, 'Ntfctn');
  if (notifications.length === 0) malformed([...path, 'Ntfctn'], 'The file has no Ntfctn (notification).');
  const transactions: NotificationTransaction[] = [];
  const summaries = notifications.map((n, i) => readNotification(n, [...path, 'Ntfctn', i], transactions));

  // Some banks state the file's count and sum in the group header, as pain files do; checked where given.
  const stated = summaries.reduce((sum, n) => sum + n.transactions, 0);
  if (header.NbOfTxs !== undefined) {
    const given = count(header, 'NbOfTxs', headerPath);
    if (given !== stated) totalsMismatch([...headerPath, 'NbOfTxs'], 'GrpHdr/NbOfTxs', given, stated);
  }
  if (header.CtrlSum !== undefined) {
    const sum = amountInOre(requiredText(header, 'CtrlSum', headerPath), [...headerPath, 'CtrlSum']);
    const total = summaries.reduce((s, n) => s + n.total, 0n);
    if (sum !== total) totalsMismatch([...headerPath, 'CtrlSum'], 'GrpHdr/CtrlSum', sum, total);
  }
  return {
    messageId,
    createdAt,
    version: `001.${version}`,
    notifications: summaries.map(({ id, account }) => ({ id, account })),
    transactions,
  };
}
