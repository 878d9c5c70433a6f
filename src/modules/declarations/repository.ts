import { and, asc, desc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { mapTableRow, prepared, runPrepared } from '../../db/prepared.js';
import type { KeysetPageRequest } from '../../shared/pagination.js';
import type { DeclarationStatus, DeclarationType, VersionKey } from './model.js';
import type { RowScope } from './scope.js';
import {
  type DeclarationRecord,
  type DeclarationRow,
  type DeclarationVersionRow,
  declarationEvents,
  declarationHolds,
  declarations,
  declarationVersions,
  goodsItems,
} from './tables.js';

export type GoodsItemRow = typeof goodsItems.$inferSelect;
export type DeclarationEventRow = typeof declarationEvents.$inferSelect;

export type { VersionKey } from './model.js';
/** A declaration with the content of one of its versions (the current one, unless stated). */
export type { DeclarationRecord, DeclarationRow, DeclarationVersionRow } from './tables.js';

export interface DeclarationFilter {
  statuses?: readonly DeclarationStatus[] | undefined;
  type?: DeclarationType | undefined;
  /** Submitted on or after this date (Europe/Oslo). */
  submittedFrom?: string | undefined;
  /** Submitted on or before this date (Europe/Oslo). */
  submittedTo?: string | undefined;
  /** Some goods item of the current version has a commodity code starting with these digits. */
  commodityCodePrefix?: string | undefined;
  clientReference?: string | undefined;
  declarantOrgnr?: string | undefined;
}

/** Declarations joined with their current version: one row per declaration, one statement. */
function selectCurrent(db: Executor) {
  return db
    .select({ declaration: declarations, content: declarationVersions })
    .from(declarations)
    .innerJoin(
      declarationVersions,
      and(
        eq(declarationVersions.declarationId, declarations.id),
        eq(declarationVersions.version, declarations.currentVersion),
      ),
    );
}

const placeholder = sql.placeholder;

/**
 * The filter and keyset conditions of a page query, with placeholders, and the shape key that
 * names this combination of conditions for the prepared-query cache.
 */
function pageConditions(filter: DeclarationFilter, page: KeysetPageRequest, itemTemplate: SQL | undefined) {
  const conditions: (SQL | undefined)[] = [];
  const params: Record<string, unknown> = { limit: page.limit };
  const shape: string[] = [];
  const add = (name: string, condition: SQL, value: unknown) => {
    conditions.push(condition);
    params[name] = value;
    shape.push(name);
  };
  if (filter.statuses?.length) {
    add('statuses', sql`${declarations.status} = any(${placeholder('statuses')}::text[])`, [...filter.statuses]);
  }
  if (filter.type) add('type', eq(declarations.type, placeholder('type')), filter.type);
  if (filter.submittedFrom) {
    add(
      'submittedFrom',
      sql`${declarations.submittedAt} >= (${placeholder('submittedFrom')}::date)::timestamp at time zone 'Europe/Oslo'`,
      filter.submittedFrom,
    );
  }
  if (filter.submittedTo) {
    add(
      'submittedTo',
      sql`${declarations.submittedAt} < (${placeholder('submittedTo')}::date + 1)::timestamp at time zone 'Europe/Oslo'`,
      filter.submittedTo,
    );
  }
  if (filter.commodityCodePrefix) {
    add(
      'commodityPattern',
      sql`exists (select 1 from ${goodsItems} where ${goodsItems.declarationId} = ${declarations.id}
          and ${goodsItems.version} = ${declarations.currentVersion}
          and ${goodsItems.commodityCode} like ${placeholder('commodityPattern')}
          ${itemTemplate ? sql`and ${itemTemplate}` : sql``})`,
      `${filter.commodityCodePrefix.replace(/[\\%_]/g, '')}%`,
    );
  }
  if (filter.clientReference)
    add('clientReference', eq(declarations.clientReference, placeholder('clientReference')), filter.clientReference);
  if (filter.declarantOrgnr)
    add('declarant', eq(declarations.declarantOrgnr, placeholder('declarant')), filter.declarantOrgnr);
  if (page.after) add('after', lt(declarations.id, placeholder('after')), page.after[0]);
  if (page.before) add('before', gt(declarations.id, placeholder('before')), page.before[0]);
  if (page.inverted) shape.push('inverted');
  return { conditions, params, shape: shape.join(',') };
}

/** A keyset page of declarations, newest first, within the caller's scope. One prepared statement. */
export function findDeclarationPage(
  db: Database,
  scope: RowScope,
  filter: DeclarationFilter,
  page: KeysetPageRequest,
): Promise<DeclarationRecord[]> {
  const { conditions, params, shape } = pageConditions(filter, page, scope.itemTemplate);
  const query = prepared(db, `declarations.page:${scope.key}:${shape}`, () =>
    selectCurrent(db)
      .where(and(scope.template, ...conditions))
      .orderBy(page.inverted ? asc(declarations.id) : desc(declarations.id))
      .limit(placeholder('limit'))
      .prepare(`declarations_page_${scope.key}`),
  );
  return query.execute({ ...scope.params, ...params });
}

/** Declarations by internal id within a scope, inside a transaction or anywhere a one-off query fits. */
export function findDeclarationsByIds(
  db: Executor,
  scope: RowScope,
  ids: readonly number[],
): Promise<DeclarationRecord[]> {
  return selectCurrent(db).where(and(scope.condition, inArray(declarations.id, [...ids])));
}

/** Declarations by number within a scope, as a one-off query (inside a transaction or out). */
export function findDeclarationsByNumbers(
  db: Executor,
  scope: RowScope,
  numbers: readonly string[],
): Promise<DeclarationRecord[]> {
  return selectCurrent(db).where(and(scope.condition, inArray(declarations.number, [...numbers])));
}

/** The numbers of declarations by internal id, whoever may see them. */
export function findDeclarationNumbers(
  db: Executor,
  ids: readonly number[],
): Promise<{ id: number; number: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: declarations.id, number: declarations.number })
    .from(declarations)
    .where(inArray(declarations.id, [...ids]));
}

/** The batch loaders' reads by id and by number: prepared, one statement per batch. */
export function loadDeclarationsByIds(
  db: Database,
  scope: RowScope,
  ids: readonly number[],
): Promise<DeclarationRecord[]> {
  const query = prepared(db, `declarations.byIds:${scope.key}`, () =>
    selectCurrent(db)
      .where(and(scope.template, sql`${declarations.id} = any(${placeholder('ids')}::bigint[])`))
      .prepare('declarations_by_ids'),
  );
  return query.execute({ ...scope.params, ids: [...ids] });
}

export function loadDeclarationsByNumbers(
  db: Database,
  scope: RowScope,
  numbers: readonly string[],
): Promise<DeclarationRecord[]> {
  const query = prepared(db, `declarations.byNumbers:${scope.key}`, () =>
    selectCurrent(db)
      .where(and(scope.template, sql`${declarations.number} = any(${placeholder('numbers')}::text[])`))
      .prepare('declarations_by_numbers'),
  );
  return query.execute({ ...scope.params, numbers: [...numbers] });
}

export async function findDeclarationByClientReference(
  db: Executor,
  declarantOrgnr: string,
  clientReference: string,
): Promise<DeclarationRow | undefined> {
  const [row] = await db
    .select()
    .from(declarations)
    .where(and(eq(declarations.declarantOrgnr, declarantOrgnr), eq(declarations.clientReference, clientReference)));
  return row;
}

/** Locks the declaration row for the rest of the transaction, so lifecycle changes serialise. */
export async function lockDeclaration(tx: Executor, id: number): Promise<DeclarationRow | undefined> {
  const [row] = await tx.select().from(declarations).where(eq(declarations.id, id)).for('update');
  return row;
}

export async function declarationExists(tx: Executor, id: number): Promise<boolean> {
  const [row] = await tx.select({ id: declarations.id }).from(declarations).where(eq(declarations.id, id));
  return row !== undefined;
}

/**
 * Locks the declaration row unless another transaction holds it (then undefined), for a caller
 * that already holds locks a declaration's own changes take after the declaration's.
 */
export async function lockDeclarationIfFree(tx: Executor, id: number): Promise<DeclarationRow | undefined> {
  const [row] = await tx.select().from(declarations).where(eq(declarations.id, id)).for('update', { skipLocked: true });
  return row;
}

/** Goods items of many declaration versions in one prepared statement, in item order. */
export function findGoodsItems(db: Database, keys: readonly VersionKey[]): Promise<GoodsItemRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  const query = prepared(db, 'goodsItems.byVersions', () =>
    db
      .select()
      .from(goodsItems)
      .where(
        sql`(${goodsItems.declarationId}, ${goodsItems.version}) in
          (select * from unnest(${placeholder('declarationIds')}::bigint[], ${placeholder('versions')}::int[]))`,
      )
      .orderBy(asc(goodsItems.declarationId), asc(goodsItems.version), asc(goodsItems.itemNumber))
      .prepare('goods_items_by_versions'),
  );
  return query.execute({ declarationIds: keys.map((k) => k.declarationId), versions: keys.map((k) => k.version) });
}

/**
 * Of the given declarations, those with a goods item in any version that the scope's item
 * condition excludes: one row per declaration, whatever the number of items, and no item read.
 */
export async function findDeclarationsHidingItems(
  db: Database,
  scope: RowScope,
  declarationIds: readonly number[],
): Promise<number[]> {
  const itemTemplate = scope.itemTemplate;
  if (!itemTemplate || declarationIds.length === 0) return [];
  const query = prepared(db, `goodsItems.hidingDeclarations:${scope.key}`, () =>
    db
      .selectDistinct({ declarationId: goodsItems.declarationId })
      .from(goodsItems)
      .where(and(sql`${goodsItems.declarationId} = any(${placeholder('ids')}::bigint[])`, sql`not (${itemTemplate})`))
      .prepare(`goods_items_hiding_declarations_${scope.key}`),
  );
  const rows = await query.execute({ ...scope.params, ids: [...declarationIds] });
  return rows.map((row) => Number(row.declarationId));
}

export function findVersions(db: Database, declarationIds: readonly number[]): Promise<DeclarationVersionRow[]> {
  const query = prepared(db, 'declarationVersions.byDeclarations', () =>
    db
      .select()
      .from(declarationVersions)
      .where(sql`${declarationVersions.declarationId} = any(${placeholder('ids')}::bigint[])`)
      .orderBy(asc(declarationVersions.declarationId), asc(declarationVersions.version))
      .prepare('declaration_versions_by_declarations'),
  );
  return query.execute({ ids: [...declarationIds] });
}

export function findEvents(db: Database, declarationIds: readonly number[]): Promise<DeclarationEventRow[]> {
  const query = prepared(db, 'declarationEvents.byDeclarations', () =>
    db
      .select()
      .from(declarationEvents)
      .where(sql`${declarationEvents.declarationId} = any(${placeholder('ids')}::bigint[])`)
      .orderBy(asc(declarationEvents.declarationId), asc(declarationEvents.id))
      .prepare('declaration_events_by_declarations'),
  );
  return query.execute({ ids: [...declarationIds] });
}

export interface NewDeclaration {
  readonly declaration: Omit<typeof declarations.$inferInsert, 'id'>;
  readonly version: Omit<typeof declarationVersions.$inferInsert, 'declarationId' | 'goodsItemCount'>;
  readonly items: readonly Omit<typeof goodsItems.$inferInsert, 'declarationId' | 'version'>[];
  /** Status history events, in their order. */
  readonly events: readonly Omit<typeof declarationEvents.$inferInsert, 'id' | 'declarationId' | 'version'>[];
  /** Another INSERT of the same statement, over `declaration`: a relation of the new declaration's `id`. */
  readonly alongside?: ((declaration: SQL) => SQL) | undefined;
}

const iso = (at: Date | string | null | undefined) => (at instanceof Date ? at.toISOString() : (at ?? null));

/**
 * Inserts a new declaration with its first version, goods items and status history (and what
 * `alongside` adds) in one statement, unless the declarant already has one with its reference:
 * then nothing, and undefined. Every part inserts from the declaration's row, so a conflict
 * writes none of them. A submission of the same reference still in flight on another connection
 * makes this wait for its end (the unique constraint's own lock), so concurrent submissions of
 * one reference serialise here, across connections and instances. Lists travel as JSON
 * parameters and the statement is prepared: its text is the same for every declaration. Returns
 * the stored version, as the database normalised it.
 */
export async function insertNewDeclaration(
  tx: Executor,
  submission: NewDeclaration,
): Promise<DeclarationVersionRow | undefined> {
  const { declaration: d, version: v } = submission;
  const items = JSON.stringify(
    submission.items.map((item) => ({
      item_number: item.itemNumber,
      commodity_code: item.commodityCode,
      description: item.description,
      origin_country: item.originCountry,
      preference_claimed: item.preferenceClaimed ?? null,
      net_mass_kg: item.netMassKg,
      supplementary_quantity: item.supplementaryQuantity ?? null,
      supplementary_unit: item.supplementaryUnit ?? null,
      alcohol_strength: item.alcoholStrength ?? null,
      invoice_amount: item.invoiceAmount,
      documents: item.documents ?? [],
      vehicle: item.vehicle ?? null,
      packaging: item.packaging ?? null,
    })),
  );
  const events = JSON.stringify(
    submission.events.map((event, position) => ({
      position,
      kind: event.kind,
      status: event.status,
      actor_kind: event.actorKind,
      actor_id: event.actorId ?? null,
      reason: event.reason ?? null,
      occurred_at: iso(event.occurredAt),
    })),
  );
  const alongside = submission.alongside ? sql`, alongside as (${submission.alongside(sql`declaration`)})` : sql``;
  const [row] = await runPrepared(
    tx,
    submission.alongside ? 'insert_new_declaration_alongside' : 'insert_new_declaration',
    sql`
    with declaration as (
      insert into ${declarations} (number, type, status, declarant_orgnr, client_reference, current_version,
        party_orgnr, party_national_id, represented_orgnr, submitted_at, updated_at)
      values (${d.number}::text, ${d.type}::text, ${d.status}::text, ${d.declarantOrgnr}::text,
        ${d.clientReference}::text, ${d.currentVersion}::int, ${d.partyOrgnr ?? null}::text,
        ${d.partyNationalId ?? null}::text, ${d.representedOrgnr ?? null}::text, ${iso(d.submittedAt)}::timestamptz,
        ${iso(d.updatedAt)}::timestamptz)
      on conflict (declarant_orgnr, client_reference) do nothing
      returning id),
    version as (
      insert into ${declarationVersions} (declaration_id, version, procedure_code, customs_office, transport_mode,
        dispatch_country, destination_country, invoice_currency, invoice_date, freight_amount, insurance_amount,
        freight_currency, insurance_currency, party_orgnr, party_national_id, party_name, party_address, represented_orgnr, voec_number, content_hash,
        amendment_reason, goods_item_count, created_at)
      select declaration.id, ${v.version}::int, ${v.procedureCode}::text, ${v.customsOffice}::text,
        ${v.transportMode}::text, ${v.dispatchCountry}::text, ${v.destinationCountry}::text,
        ${v.invoiceCurrency}::text, ${v.invoiceDate ?? null}::date, ${v.freightAmount}::numeric,
        ${v.insuranceAmount}::numeric, ${v.freightCurrency ?? null}::text, ${v.insuranceCurrency ?? null}::text,
        ${v.partyOrgnr ?? null}::text, ${v.partyNationalId ?? null}::text,
        ${v.partyName ?? null}::text, ${v.partyAddress ?? null}::text, ${v.representedOrgnr ?? null}::text,
        ${v.voecNumber ?? null}::text, ${v.contentHash}::text, ${v.amendmentReason ?? null}::text,
        ${submission.items.length}::int, ${iso(v.createdAt)}::timestamptz
        from declaration
      returning *),
    items as (
      insert into ${goodsItems} (declaration_id, version, item_number, commodity_code, description, origin_country,
        preference_claimed, net_mass_kg, supplementary_quantity, supplementary_unit, alcohol_strength,
        invoice_amount, documents, vehicle, packaging)
      select declaration.id, ${v.version}::int, i.item_number, i.commodity_code, i.description, i.origin_country,
             i.preference_claimed, i.net_mass_kg, i.supplementary_quantity, i.supplementary_unit,
             i.alcohol_strength, i.invoice_amount, i.documents, i.vehicle, i.packaging
        from declaration, jsonb_to_recordset(${items}::text::jsonb) as i(item_number int, commodity_code text,
             description text, origin_country text, preference_claimed text, net_mass_kg numeric,
             supplementary_quantity numeric, supplementary_unit text, alcohol_strength numeric,
             invoice_amount numeric, documents jsonb, vehicle jsonb, packaging jsonb)),
    events as (
      insert into ${declarationEvents} (declaration_id, version, kind, status, actor_kind, actor_id, reason,
        occurred_at)
      select declaration.id, ${v.version}::int, e.kind, e.status, e.actor_kind, e.actor_id, e.reason, e.occurred_at
        from declaration, jsonb_to_recordset(${events}::text::jsonb) as e(position int, kind text, status text,
             actor_kind text, actor_id text, reason text, occurred_at timestamptz)
       order by e.position)${alongside}
    select * from version`,
  );
  return row ? mapTableRow(declarationVersions, row) : undefined;
}

export async function insertVersion(
  tx: Executor,
  version: typeof declarationVersions.$inferInsert,
  items: (typeof goodsItems.$inferInsert)[],
): Promise<DeclarationVersionRow> {
  const [inserted] = await tx
    .insert(declarationVersions)
    .values({ ...version, goodsItemCount: items.length })
    .returning();
  if (!inserted) throw new Error('insert into declaration_versions returned no row');
  // Batched so that a 999-item declaration is a handful of statements, within parameter limits.
  for (let start = 0; start < items.length; start += 200) {
    await tx.insert(goodsItems).values(items.slice(start, start + 200));
  }
  return inserted;
}

export async function insertEvent(tx: Executor, event: typeof declarationEvents.$inferInsert): Promise<void> {
  await tx.insert(declarationEvents).values(event);
}

/**
 * Records an event and moves the declaration to the event's status in one statement, for the
 * release gate, which runs inside every accepting transaction.
 */
export async function insertEventAndMove(
  tx: Executor,
  event: typeof declarationEvents.$inferInsert & { occurredAt: Date },
): Promise<DeclarationRow> {
  const [row] = await runPrepared<Record<string, unknown>>(
    tx,
    'declaration_event_and_status',
    sql`
    with event as (
      insert into ${declarationEvents} (declaration_id, version, kind, status, actor_kind, actor_id, reason, occurred_at)
      values (${event.declarationId}::bigint, ${event.version}::int, ${event.kind}::text, ${event.status}::text,
              ${event.actorKind}::text, ${event.actorId ?? null}::text, ${event.reason ?? null}::text,
              ${event.occurredAt.toISOString()}::timestamptz))
    update ${declarations} set status = ${event.status}::text, updated_at = ${event.occurredAt.toISOString()}::timestamptz
     where ${declarations.id} = ${event.declarationId}::bigint
    returning *`,
  );
  if (!row) throw new Error(`declaration ${event.declarationId} vanished inside its transaction`);
  return mapTableRow(declarations, row);
}

export async function updateDeclaration(
  tx: Executor,
  id: number,
  changes: Partial<typeof declarations.$inferInsert>,
): Promise<DeclarationRow> {
  const [row] = await tx.update(declarations).set(changes).where(eq(declarations.id, id)).returning();
  if (!row) throw new Error(`declaration ${id} vanished inside its transaction`);
  return row;
}

export async function findVersion(
  tx: Executor,
  declarationId: number,
  version: number,
): Promise<DeclarationVersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(declarationVersions)
    .where(and(eq(declarationVersions.declarationId, declarationId), eq(declarationVersions.version, version)));
  return row;
}

/** The goods items of one version, inside a transaction. */
export function findItemsOfVersion(tx: Executor, declarationId: number, version: number): Promise<GoodsItemRow[]> {
  return tx
    .select()
    .from(goodsItems)
    .where(and(eq(goodsItems.declarationId, declarationId), eq(goodsItems.version, version)))
    .orderBy(asc(goodsItems.itemNumber));
}

export type HoldRow = typeof declarationHolds.$inferSelect;

export function findHolds(db: Database, declarationIds: readonly number[]): Promise<HoldRow[]> {
  const query = prepared(db, 'declarationHolds.byDeclarations', () =>
    db
      .select()
      .from(declarationHolds)
      .where(sql`${declarationHolds.declarationId} = any(${placeholder('ids')}::bigint[])`)
      .orderBy(asc(declarationHolds.declarationId), asc(declarationHolds.id))
      .prepare('declaration_holds_by_declarations'),
  );
  return query.execute({ ids: [...declarationIds] });
}

export async function findActiveHold(
  tx: Executor,
  declarationId: number,
  agencyCode: string,
): Promise<HoldRow | undefined> {
  const [row] = await tx
    .select()
    .from(declarationHolds)
    .where(
      and(
        eq(declarationHolds.declarationId, declarationId),
        eq(declarationHolds.agencyCode, agencyCode),
        sql`${declarationHolds.releasedAt} is null`,
      ),
    );
  return row;
}

/** Whether any agency hold on the declaration is still active (not lifted). */
export async function hasActiveHold(tx: Executor, declarationId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: declarationHolds.id })
    .from(declarationHolds)
    .where(and(eq(declarationHolds.declarationId, declarationId), sql`${declarationHolds.releasedAt} is null`))
    .limit(1);
  return row !== undefined;
}

export async function lockHold(tx: Executor, holdId: number): Promise<HoldRow | undefined> {
  const [row] = await tx.select().from(declarationHolds).where(eq(declarationHolds.id, holdId)).for('update');
  return row;
}

export async function insertHold(tx: Executor, hold: typeof declarationHolds.$inferInsert): Promise<HoldRow> {
  const [row] = await tx.insert(declarationHolds).values(hold).returning();
  if (!row) throw new Error('insert into declaration_holds returned no row');
  return row;
}

export async function releaseHoldRow(
  tx: Executor,
  holdId: number,
  release: { releasedAt: Date; releasedBy: string; releaseReason: string },
): Promise<HoldRow> {
  const [row] = await tx.update(declarationHolds).set(release).where(eq(declarationHolds.id, holdId)).returning();
  if (!row) throw new Error(`hold ${holdId} vanished inside its transaction`);
  return row;
}

/** The latest event of a kind by an actor on a version, to make repeated agency requests idempotent. */
export async function findEventBy(
  tx: Executor,
  declarationId: number,
  version: number,
  kind: DeclarationEventRow['kind'],
  actorId: string,
): Promise<DeclarationEventRow | undefined> {
  const [row] = await tx
    .select()
    .from(declarationEvents)
    .where(
      and(
        eq(declarationEvents.declarationId, declarationId),
        eq(declarationEvents.version, version),
        eq(declarationEvents.kind, kind),
        eq(declarationEvents.actorId, actorId),
      ),
    )
    .limit(1);
  return row;
}

/**
 * Locks a declaration, then checks it is within the scope: in this order, so that a change that
 * moves it out of the scope cannot commit between the check and the lock.
 */
export async function lockVisibleDeclaration(
  tx: Executor,
  scope: RowScope,
  id: number,
): Promise<DeclarationRow | undefined> {
  const locked = await lockDeclaration(tx, id);
  if (!locked) return undefined;
  const [visible] = await findDeclarationsByIds(tx, scope, [id]);
  return visible ? locked : undefined;
}
