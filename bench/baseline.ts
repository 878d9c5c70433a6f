import { createServer, type IncomingMessage, type Server } from 'node:http';
import {
  lockWaits,
  numberingCheck,
  type RawSubmission,
  type RawTransaction,
  rawSubmit,
  rawSubmitPipelined,
  type SubmittedDeclaration,
} from './submit-baseline.js';

/**
 * The baseline: a plain node:http handler that runs the same SQL as the API for the read
 * workloads and writes a JSON body of the same shape, with no GraphQL, no framework, no loaders,
 * and for submission writes the same rows in one hand-written transaction (submit-baseline.ts).
 * The API's throughput is reported as a ratio of this one's.
 */
export type RawQuery = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

// The same columns the API's repositories read: the comparison is of everything above the SQL.
const DECLARATION_COLUMNS = `d.*, v.*`;
const ITEM_COLUMNS = `*`;
const SCOPE = `(d.declarant_orgnr = $1 or d.party_orgnr = $1 or d.represented_orgnr = $1)`;

function itemJson(row: Record<string, unknown>, currency: unknown) {
  return {
    itemNumber: row.item_number,
    commodityCode: row.commodity_code,
    description: row.description,
    countryOfOrigin: row.origin_country,
    netMass: row.net_mass_kg,
    invoiceAmount: { amount: row.invoice_amount, currency },
  };
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** What the submission workload needs: transactions, and the day and moment the API's clock says. */
export interface SubmitBaseline {
  transaction: RawTransaction;
  submission: Omit<RawSubmission, 'input'>;
  embedded: boolean;
  /** A round of the engine alone on row (f)'s request, in this process (bench/calculation.ts). */
  engineRound: (ms: number) => unknown;
}

export function startBaseline(query: RawQuery, organisationNumber: string, submit: SubmitBaseline): Promise<Server> {
  const server = createServer(async (request, response) => {
    try {
      const { workload, number, first, input, ms } = JSON.parse(await body(request)) as {
        workload: string;
        number?: string;
        first?: number;
        input?: SubmittedDeclaration;
        ms?: number;
      };
      let result: unknown;
      if (workload === 'engine' && ms) {
        result = submit.engineRound(ms);
      } else if (workload === 'submit' && input) {
        result = { submitDeclaration: await rawSubmit(submit.transaction, { ...submit.submission, input }) };
      } else if (workload === 'submit-pipelined' && input) {
        result = { submitDeclaration: await rawSubmitPipelined(submit.transaction, { ...submit.submission, input }) };
      } else if (workload === 'waits') {
        result = await lockWaits(query, submit.embedded);
      } else if (workload === 'numbers') {
        result = await numberingCheck(query, organisationNumber, submit.submission.day);
      } else if (workload === 'one') {
        const [declaration] = await query(
          `select ${DECLARATION_COLUMNS} from declarations d join declaration_versions v
             on v.declaration_id = d.id and v.version = d.current_version
           where ${SCOPE} and d.number = $2`,
          [organisationNumber, number],
        );
        const items = declaration
          ? await query(
              `select ${ITEM_COLUMNS} from goods_items where declaration_id = $1 and version = $2 order by item_number`,
              [declaration.id, declaration.version],
            )
          : [];
        result = declaration && {
          number: declaration.number,
          status: declaration.status,
          goodsItems: items.map((row) => itemJson(row, declaration.invoice_currency)),
        };
      } else {
        const page = await query(
          `select ${DECLARATION_COLUMNS} from declarations d join declaration_versions v
             on v.declaration_id = d.id and v.version = d.current_version
           where ${SCOPE} order by d.id desc limit $2`,
          [organisationNumber, (first ?? 50) + 1],
        );
        const shown = page.slice(0, first ?? 50);
        const items = shown.length
          ? await query(
              `select ${ITEM_COLUMNS} from goods_items where (declaration_id, version) in
                 (select * from unnest($1::bigint[], $2::int[])) order by declaration_id, version, item_number`,
              [shown.map((row) => row.id), shown.map((row) => row.version)],
            )
          : [];
        const byDeclaration = new Map<unknown, Record<string, unknown>[]>();
        for (const item of items) {
          const key = String(item.declaration_id);
          const list = byDeclaration.get(key) ?? [];
          list.push(item);
          byDeclaration.set(key, list);
        }
        result = {
          edges: shown.map((row) => ({
            node: {
              number: row.number,
              status: row.status,
              goodsItems: (byDeclaration.get(String(row.id)) ?? []).map((item) => itemJson(item, row.invoice_currency)),
            },
          })),
          pageInfo: { hasNextPage: page.length > shown.length },
        };
      }
      const json = JSON.stringify({ data: result });
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      response.end(json);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
