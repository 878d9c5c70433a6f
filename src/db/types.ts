import { customType } from 'drizzle-orm/pg-core';

/**
 * PostgreSQL's 64-bit transaction id. Read and written as text; compared in SQL, where its order
 * is the order transactions got their ids in. The partner feed orders events by it.
 */
export const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
});
