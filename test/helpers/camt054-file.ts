/**
 * Writes a camt.054.001.08 notification file from payment lines, the way a bank batches a day's
 * KID payments: one booked credit entry per `perEntry` lines, control figures that add up. Tests
 * and the benchmark build large files with it; the hand-written fixtures in test/fixtures/camt054
 * show the other versions' shapes.
 */
export interface FileLine {
  readonly kid: string | null;
  readonly amountOre: bigint;
  readonly debtor?: string;
  readonly currency?: string;
}

function amount(ore: bigint): string {
  return `${ore / 100n}.${(ore % 100n).toString().padStart(2, '0')}`;
}

export function camt054File(input: {
  readonly messageId: string;
  readonly lines: readonly FileLine[];
  readonly bookingDate?: string;
  readonly perEntry?: number;
}): string {
  const date = input.bookingDate ?? '2026-12-01';
  const perEntry = input.perEntry ?? 100;
  const entries: string[] = [];
  let total = 0n;
  for (let start = 0; start < input.lines.length; start += perEntry) {
    const batch = input.lines.slice(start, start + perEntry);
    const sum = batch.reduce((s, line) => s + line.amountOre, 0n);
    total += sum;
    const details = batch.map((line, i) => {
      const reference =
        line.kid === null
          ? '<Ustrd>Betaling toll</Ustrd>'
          : `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${line.kid}</Ref></CdtrRefInf></Strd>`;
      return `<TxDtls><Refs><AcctSvcrRef>${input.messageId}-${start + i}</AcctSvcrRef></Refs><Amt Ccy="${line.currency ?? 'NOK'}">${amount(line.amountOre)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>${line.debtor ?? 'NORDLYS IMPORT AS'}</Nm></Pty></Dbtr></RltdPties><RmtInf>${reference}</RmtInf></TxDtls>`;
    });
    entries.push(
      `<Ntry><Amt Ccy="NOK">${amount(sum)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${date}</Dt></BookgDt><AcctSvcrRef>${input.messageId}-E${start}</AcctSvcrRef><NtryDtls><Btch><NbOfTxs>${batch.length}</NbOfTxs></Btch>\n${details.join('\n')}\n</NtryDtls></Ntry>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
<BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>${input.messageId}</MsgId><CreDtTm>${date}T06:00:00</CreDtTm></GrpHdr>
<Ntfctn><Id>${input.messageId}-N1</Id><CreDtTm>${date}T06:00:00</CreDtTm><Acct><Id><IBAN>NO9386011117947</IBAN></Id></Acct>
<TxsSummry><TtlNtries><NbOfNtries>${entries.length}</NbOfNtries><Sum>${amount(total)}</Sum></TtlNtries><TtlCdtNtries><NbOfNtries>${entries.length}</NbOfNtries><Sum>${amount(total)}</Sum></TtlCdtNtries></TxsSummry>
${entries.join('\n')}
</Ntfctn>
</BkToCstmrDbtCdtNtfctn>
</Document>
`;
}
