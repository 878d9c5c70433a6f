import type { RawQuery } from './baseline.js';

/**
 * The submission baselines: the rows a submitted and accepted declaration of the API leaves behind
 * (the declaration, its first version, its goods items, their item feed events, the SUBMITTED and
 * ACCEPTED events, the stored assessment) written in one transaction of hand-written SQL, with the
 * same gap-free number from the same per-declarant, per-day counter. No GraphQL, no validation, no
 * assessment: the stored assessment is a copy of one the API made. The counter is taken by the
 * last statement, with the feed events that carry the number (they are append-only), so that its
 * row lock is held for that statement and the commit only, the best this can do.
 */
export type RawTransaction = <T>(work: (query: RawQuery) => Promise<T>) => Promise<T>;

/** A stored assessment the API made for a bench declaration, copied into every raw submission. */
export interface AssessmentTemplate {
  input: string;
  result: string;
  payable: string | null;
  vatToReport: string | null;
  total: string | null;
}

interface SubmittedItem {
  commodityCode: string;
  description: string;
  countryOfOrigin: string;
  netMass: string;
  supplementaryQuantity?: string | null;
  invoiceAmount: string;
}

export interface SubmittedDeclaration {
  clientReference: string;
  procedureCode: string;
  customsOffice: string;
  transportMode: string;
  countryOfDispatch: string;
  countryOfDestination: string;
  invoiceCurrency: string;
  /** In the invoice currency, as the bench declares them: the version stores no currency of its own then. */
  freight: { amount: string; currency: string };
  insurance: { amount: string; currency: string };
  importer: { organisationNumber: string; name: string };
  goodsItems: SubmittedItem[];
}

export interface RawSubmission {
  declarant: string;
  /** The authority's day, YYYY-MM-DD, and the moment of submission. */
  day: string;
  at: Date;
  input: SubmittedDeclaration;
  assessment: AssessmentTemplate;
}

const ITEM_COLUMNS = `item_number int, commodity_code text, description text, origin_country text,
  net_mass_kg numeric, supplementary_quantity numeric, invoice_amount numeric`;

/** The goods items as the JSON array that `json_to_recordset(... as x(ITEM_COLUMNS))` expands. */
function itemRows(input: SubmittedDeclaration): string {
  return JSON.stringify(
    input.goodsItems.map((item, index) => ({
      item_number: index + 1,
      commodity_code: item.commodityCode,
      description: item.description,
      origin_country: item.countryOfOrigin,
      net_mass_kg: item.netMass,
      supplementary_quantity: item.supplementaryQuantity ?? null,
      invoice_amount: item.invoiceAmount,
    })),
  );
}

/**
 * The version's own columns, in the order both statements list them: procedure_code,
 * customs_office, transport_mode, dispatch_country, destination_country, invoice_currency,
 * freight_amount, insurance_amount.
 */
function versionColumns(input: SubmittedDeclaration): string[] {
  return [
    input.procedureCode,
    input.customsOffice,
    input.transportMode,
    input.countryOfDispatch,
    input.countryOfDestination,
    input.invoiceCurrency,
    input.freight.amount,
    input.insurance.amount,
  ];
}

/** The day as a declaration number writes it: YYYY-MM-DD becomes DDMMYYYY. */
function numberDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}${month}${year}`;
}

export async function rawSubmit(transaction: RawTransaction, submission: RawSubmission) {
  const { declarant, day, at, input, assessment } = submission;
  const party = input.importer.organisationNumber;
  const items = itemRows(input);
  return transaction(async (query) => {
    const [declaration] = await query(
      `insert into declarations (number, type, status, declarant_orgnr, client_reference, current_version,
         party_orgnr, submitted_at, updated_at)
       values ('pending:' || $1::text || ':' || $2::text, 'IMPORT', 'SUBMITTED', $1, $2, 1, $3, $4, $4)
       returning id`,
      [declarant, input.clientReference, party, at],
    );
    const id = declaration?.id;
    await query(
      `insert into declaration_versions (declaration_id, version, procedure_code, customs_office, transport_mode,
         dispatch_country, destination_country, invoice_currency, freight_amount, insurance_amount, party_orgnr,
         party_name, content_hash, created_at, goods_item_count)
       values ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, md5($12), $13, $14)`,
      [id, ...versionColumns(input), party, input.importer.name, items, at, input.goodsItems.length],
    );
    await query(
      `insert into goods_items (declaration_id, version, item_number, commodity_code, description, origin_country,
         net_mass_kg, supplementary_quantity, invoice_amount)
       select $1, 1, item_number, commodity_code, description, origin_country, net_mass_kg, supplementary_quantity,
              invoice_amount
         from json_to_recordset($2::text::json) as x(${ITEM_COLUMNS})`,
      [id, items],
    );
    await query(
      `insert into declaration_events (declaration_id, version, kind, status, actor_kind, actor_id, occurred_at)
       values ($1, 1, 'SUBMITTED', 'SUBMITTED', 'BUSINESS', $2, $3), ($1, 1, 'ACCEPTED', 'ACCEPTED', 'SYSTEM', null, $3)`,
      [id, declarant, at],
    );
    await query(
      `insert into assessments (declaration_id, version, outcome, input, result, payable, vat_to_report, total,
         assessed_at)
       values ($1, 1, 'ASSESSED', $2::text::jsonb, $3::text::jsonb, $4, $5, $6, $7)`,
      [id, assessment.input, assessment.result, assessment.payable, assessment.vatToReport, assessment.total, at],
    );
    const [numbered] = await query(
      `with counter as (
         insert into declaration_number_sequences (declarant_orgnr, day, last_value) values ($1, $2::date, 1)
         on conflict (declarant_orgnr, day) do update set last_value = declaration_number_sequences.last_value + 1
         returning last_value),
       numbered as (select $1::text || '-' || $3::text || '-' || last_value as number from counter),
       feed as (
         insert into declaration_item_events (declaration_id, declaration_number, declaration_type, version,
           item_number, kind, commodity_code, origin_country, procedure_code, occurred_at)
         select $4, numbered.number, 'IMPORT', 1, item_number, 'ADDED', commodity_code, origin_country, $6, $7
           from numbered, json_to_recordset($5::text::json) as x(${ITEM_COLUMNS}))
       update declarations set number = numbered.number, status = 'ACCEPTED' from numbered
        where id = $4 returning declarations.number`,
      [declarant, day, numberDay(day), id, items, input.procedureCode, at],
    );
    return { number: numbered?.number, status: 'ACCEPTED' };
  });
}

/**
 * The same rows again, in the statement plan the API uses: one statement that inserts the
 * declaration and everything of its first version from the declaration's row, then the numbering
 * statement sent with the COMMIT, so that the counter's lock is held while the database runs the
 * last statement and the commit only.
 * It is what the API's SQL costs without the API, so that the ratio to it is the API's own cost.
 */
export async function rawSubmitPipelined(transaction: RawTransaction, submission: RawSubmission) {
  const { declarant, day, at, input, assessment } = submission;
  const party = input.importer.organisationNumber;
  const provisional = `pending:${declarant}:${input.clientReference}`;
  const items = itemRows(input);
  const sent = await transaction(async (query) => {
    const [stored] = await query(
      `with declaration as (
         insert into declarations (number, type, status, declarant_orgnr, client_reference, current_version,
           party_orgnr, submitted_at, updated_at)
         values ($1, 'IMPORT', 'ACCEPTED', $2, $3, 1, $4, $5, $5)
         on conflict (declarant_orgnr, client_reference) do nothing
         returning id),
       version as (
         insert into declaration_versions (declaration_id, version, procedure_code, customs_office, transport_mode,
           dispatch_country, destination_country, invoice_currency, freight_amount, insurance_amount, party_orgnr,
           party_name, content_hash, created_at, goods_item_count)
         select id, 1, $6, $7, $8, $9, $10, $11, $12, $13, $4, $14, md5($15), $5, $16 from declaration
         returning declaration_id),
       items as (
         insert into goods_items (declaration_id, version, item_number, commodity_code, description, origin_country,
           net_mass_kg, supplementary_quantity, invoice_amount)
         select id, 1, item_number, commodity_code, description, origin_country, net_mass_kg, supplementary_quantity,
                invoice_amount
           from declaration, json_to_recordset($15::text::json) as x(${ITEM_COLUMNS})),
       events as (
         insert into declaration_events (declaration_id, version, kind, status, actor_kind, actor_id, occurred_at)
         select id, 1, e.kind, e.kind, e.actor_kind, e.actor_id, $5
           from declaration, (values (1, 'SUBMITTED', 'BUSINESS', $2), (2, 'ACCEPTED', 'SYSTEM', null))
                as e(position, kind, actor_kind, actor_id)
          order by e.position),
       assessment as (
         insert into assessments (declaration_id, version, outcome, input, result, payable, vat_to_report, total,
           assessed_at)
         select id, 1, 'ASSESSED', $17::text::jsonb, $18::text::jsonb, $19, $20, $21, $5 from declaration)
       select declaration_id from version`,
      [
        provisional,
        declarant,
        input.clientReference,
        party,
        at,
        ...versionColumns(input),
        input.importer.name,
        items,
        input.goodsItems.length,
        assessment.input,
        assessment.result,
        assessment.payable,
        assessment.vatToReport,
        assessment.total,
      ],
    );
    if (!stored) return { written: Promise.resolve([]) };
    const numbered = query(
      `with taken as (
         insert into declaration_number_sequences (declarant_orgnr, day, last_value) values ($2, $3::date, 1)
         on conflict (declarant_orgnr, day) do update set last_value = declaration_number_sequences.last_value + 1
         returning last_value),
       numbered as (select $1::bigint as id, $2::text || '-' || $4::text || '-' || last_value as number from taken),
       feed as (
         insert into declaration_item_events (declaration_id, declaration_number, declaration_type, version,
           item_number, kind, commodity_code, origin_country, procedure_code, occurred_at)
         select numbered.id, numbered.number, 'IMPORT', 1, item_number, 'ADDED', commodity_code, origin_country, $6, $7
           from numbered, json_to_recordset($5::text::json) as x(${ITEM_COLUMNS}))
       update declarations set number = numbered.number from numbered
        where declarations.id = numbered.id returning declarations.number`,
      [stored.declaration_id, declarant, day, numberDay(day), items, input.procedureCode, at],
    );
    numbered.catch(() => {});
    return { written: numbered };
  });
  const [row] = await sent.written;
  return { number: row?.number, status: 'ACCEPTED' };
}

/**
 * Whether the declarant's numbers of the day are still gap-free after the load: as many
 * declarations as the counter handed out, numbered 1 to that count, with no duplicates.
 */
export async function numberingCheck(query: RawQuery, declarant: string, day: string) {
  const [row] = await query(
    `select count(*)::int as declarations,
            count(distinct split_part(number, '-', 3))::int as distinct_numbers,
            coalesce(max(split_part(number, '-', 3)::int), 0) as highest,
            (select last_value from declaration_number_sequences where declarant_orgnr = $1 and day = $2::date) as counter
       from declarations where declarant_orgnr = $1 and number like $1 || '-' || $3 || '-%'`,
    [declarant, day, numberDay(day)],
  );
  const declarations = Number(row?.declarations);
  const gapFree =
    declarations === Number(row?.distinct_numbers) &&
    declarations === Number(row?.highest) &&
    declarations === Number(row?.counter);
  return { declarations, highest: Number(row?.highest), counter: Number(row?.counter), gapFree };
}

/**
 * How many of this database's connections are busy, and how many of them wait on a lock (row or
 * advisory), right now: sampled under load, it shows whether submissions queue on one another.
 * Embedded, there is one connection and nothing to wait for.
 */
export async function lockWaits(query: RawQuery, embedded: boolean) {
  if (embedded) return { busy: 0, waiting: 0 };
  const [row] = await query(
    `select count(*) filter (where state <> 'idle')::int as busy,
            count(*) filter (where wait_event_type = 'Lock')::int as waiting
       from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    [],
  );
  return { busy: Number(row?.busy), waiting: Number(row?.waiting) };
}
