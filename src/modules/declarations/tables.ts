import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import type { ActorKind, DeclarationEventKind, DeclarationStatus, DeclarationType } from './model.js';

/**
 * A declaration: its identity, lifecycle and the parties that may see it. What was declared
 * lives in versions; `currentVersion` points at the one in force. The party columns repeat the
 * current version's parties so that row scoping ("whose declarations") is one indexed predicate.
 */
export const declarations = pgTable(
  'declarations',
  {
    /** Internal key; also the keyset for paging newest first. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The authority's identifier: {declarant orgnr}-{ddmmyyyy}-{sequence}. */
    number: text('number').notNull().unique(),
    type: text('type').$type<DeclarationType>().notNull(),
    status: text('status').$type<DeclarationStatus>().notNull(),
    declarantOrgnr: text('declarant_orgnr').notNull(),
    /** The declarant's own reference; submissions are idempotent on (declarant, reference). */
    clientReference: text('client_reference').notNull(),
    currentVersion: integer('current_version').notNull(),
    /** Importer (import) or exporter (export), when an organisation. */
    partyOrgnr: text('party_orgnr'),
    /** Importer or exporter, when a private person. Personal data. */
    partyNationalId: text('party_national_id'),
    /** The client a customs broker declares for, when the declarant acts as representative. */
    representedOrgnr: text('represented_orgnr'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    unique('declarations_client_reference').on(t.declarantOrgnr, t.clientReference),
    index('declarations_declarant').on(t.declarantOrgnr, t.id),
    index('declarations_party_org').on(t.partyOrgnr, t.id),
    index('declarations_party_person').on(t.partyNationalId, t.id),
    index('declarations_represented').on(t.representedOrgnr, t.id),
    index('declarations_status').on(t.status, t.id),
    check('declarations_type', sql`${t.type} in ('IMPORT', 'EXPORT')`),
  ],
);

/** What a version of a declaration says: the header. Versions are never changed once written. */
export const declarationVersions = pgTable(
  'declaration_versions',
  {
    declarationId: bigint('declaration_id', { mode: 'number' })
      .notNull()
      .references(() => declarations.id),
    version: integer('version').notNull(),
    procedureCode: text('procedure_code').notNull(),
    customsOffice: text('customs_office').notNull(),
    transportMode: text('transport_mode').notNull(),
    dispatchCountry: text('dispatch_country').notNull(),
    destinationCountry: text('destination_country').notNull(),
    invoiceCurrency: text('invoice_currency').notNull(),
    invoiceDate: date('invoice_date', { mode: 'string' }),
    freightAmount: numeric('freight_amount', { precision: 18, scale: 2 }).notNull(),
    insuranceAmount: numeric('insurance_amount', { precision: 18, scale: 2 }).notNull(),
    /** Null: the invoice currency (every version stored before freight had its own currency). */
    freightCurrency: text('freight_currency'),
    /** Null: the invoice currency, as `freightCurrency`. */
    insuranceCurrency: text('insurance_currency'),
    partyOrgnr: text('party_orgnr'),
    partyNationalId: text('party_national_id'),
    partyName: text('party_name'),
    partyAddress: text('party_address'),
    representedOrgnr: text('represented_orgnr'),
    /** VOEC number of the seller, for a private person's online purchase. */
    voecNumber: text('voec_number'),
    /** SHA-256 of the canonical submitted content: the idempotency fingerprint. */
    contentHash: text('content_hash').notNull(),
    amendmentReason: text('amendment_reason'),
    /**
     * How many goods items the version holds, so that a query is charged for its items before
     * they are read (a version holds up to 999).
     */
    goodsItemCount: integer('goods_item_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.declarationId, t.version] })],
);

export interface GoodsItemDocument {
  /** Document type code, for example N935 (invoice) or a permit type. */
  code: string;
  reference: string;
  /** Code of the agency that issued a permit, when the document is one. */
  issuedBy?: string | null;
  issuedOn?: string | null;
}

export interface GoodsItemVehicle {
  firstRegisteredOn: string | null;
  kerbWeightKg: string;
}

export interface GoodsItemPackaging {
  material: 'GLASS_METAL' | 'PLASTIC' | 'CARTON';
  units: string;
  returnPercent: string | null;
}

/** Goods items of a declaration version, numbered from 1. */
export const goodsItems = pgTable(
  'goods_items',
  {
    declarationId: bigint('declaration_id', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    itemNumber: integer('item_number').notNull(),
    commodityCode: text('commodity_code').notNull(),
    description: text('description').notNull(),
    originCountry: text('origin_country').notNull(),
    /** Country group whose preferential rate is claimed (TEF, TEFT, TGS1 ...), or null. */
    preferenceClaimed: text('preference_claimed'),
    netMassKg: numeric('net_mass_kg', { precision: 18, scale: 3 }).notNull(),
    supplementaryQuantity: numeric('supplementary_quantity', { precision: 18, scale: 3 }),
    supplementaryUnit: text('supplementary_unit'),
    alcoholStrength: numeric('alcohol_strength', { precision: 5, scale: 2 }),
    invoiceAmount: numeric('invoice_amount', { precision: 18, scale: 2 }).notNull(),
    documents: jsonb('documents').$type<GoodsItemDocument[]>().notNull().default([]),
    /** Vehicle data for goods that carry the one-off registration tax. */
    vehicle: jsonb('vehicle').$type<GoodsItemVehicle>(),
    /** Beverage packaging, for goods that carry packaging taxes. */
    packaging: jsonb('packaging').$type<GoodsItemPackaging>(),
  },
  (t) => [
    primaryKey({ columns: [t.declarationId, t.version, t.itemNumber] }),
    index('goods_items_commodity').on(t.commodityCode),
  ],
);

/** Every change of a declaration's lifecycle, in order; the status history the parties follow. */
export const declarationEvents = pgTable(
  'declaration_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    declarationId: bigint('declaration_id', { mode: 'number' })
      .notNull()
      .references(() => declarations.id),
    version: integer('version').notNull(),
    kind: text('kind').$type<DeclarationEventKind>().notNull(),
    /** The status after the event. */
    status: text('status').$type<DeclarationStatus>().notNull(),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    /** Organisation number, employee id or agency code of the actor; never a national identity number. */
    actorId: text('actor_id'),
    reason: text('reason'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('declaration_events_declaration').on(t.declarationId, t.id)],
);

/** Per declarant and day, the last sequence number handed out for declaration numbers. */
export const declarationNumberSequences = pgTable(
  'declaration_number_sequences',
  {
    declarantOrgnr: text('declarant_orgnr').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.declarantOrgnr, t.day] })],
);

/**
 * Holds that partner agencies place on declarations within their mandate: while a hold is
 * active the goods are not released. An officer lifts it.
 */
export const declarationHolds = pgTable(
  'declaration_holds',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    declarationId: bigint('declaration_id', { mode: 'number' })
      .notNull()
      .references(() => declarations.id),
    agencyCode: text('agency_code').notNull(),
    reason: text('reason').notNull(),
    placedAt: timestamp('placed_at', { withTimezone: true, mode: 'date' }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'date' }),
    releasedBy: text('released_by'),
    releaseReason: text('release_reason'),
  },
  (t) => [index('declaration_holds_declaration').on(t.declarationId, t.id)],
);

export type DeclarationRow = typeof declarations.$inferSelect;
export type DeclarationVersionRow = typeof declarationVersions.$inferSelect;

/** A declaration with the content of its current version, as reads return it. */
export interface DeclarationRecord {
  readonly declaration: DeclarationRow;
  readonly content: DeclarationVersionRow;
}
