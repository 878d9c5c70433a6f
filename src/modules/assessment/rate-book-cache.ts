import type { Database } from '../../db/client.js';
import { readRatesVersion } from '../rates/service.js';
import { type PreparedRateBook, prepareRateBook } from './engine/index.js';
import { loadWholeRateBook } from './rate-book.js';

export { readRatesVersion };

/**
 * The prepared rate book of one database, built once per rates version and shared by every
 * assessment in the process. Preparing parses and indexes every rate row, which is too much work
 * to repeat per request; the version (bumped by every rate load in the load's transaction) tells
 * when to do it again, so a load made through another process or instance applies on the next
 * request here.
 *
 * Create one per database handle (the server does, in its context dependencies): a book is only
 * ever valid for the database it was read from. Requests that arrive while a version is being
 * built wait for the same build. A build that fails is forgotten, so the next request tries again
 * instead of inheriting the failure.
 */
export class RateBooks {
  private latest: { readonly version: number; readonly book: Promise<PreparedRateBook> } | undefined;

  constructor(private readonly db: Database) {}

  /** The book of the rates now committed: reads the version, then `atVersion`. */
  async current(): Promise<PreparedRateBook> {
    return this.atVersion(await readRatesVersion(this.db));
  }

  /**
   * The book for a version the caller has just read (with its other facts, to save a statement).
   * A cached book of a later version serves too: its rates were committed before this request
   * asked, so they are the rates in force for it.
   */
  atVersion(version: number): Promise<PreparedRateBook> {
    const latest = this.latest;
    if (latest && latest.version >= version) return latest.book;
    const book = this.build();
    this.latest = { version, book };
    book.catch(() => {
      if (this.latest?.book === book) this.latest = undefined;
    });
    return book;
  }

  /**
   * Reads the rates in one read-only snapshot, so a load committing halfway through cannot
   * leave the book with half of its rows: the book holds at least the version asked for, and
   * if it holds a later one the next request sees the later version and builds again.
   */
  private async build(): Promise<PreparedRateBook> {
    const book = await this.db.transaction((tx) => loadWholeRateBook(tx), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
    return prepareRateBook(book);
  }
}
