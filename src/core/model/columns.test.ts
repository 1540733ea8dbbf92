import { mapDealColumns } from './columns';

describe('mapDealColumns: the headers CRM exports and teams really use (SPEC §1)', () => {
  test('every alias SPEC §1 adds', () => {
    const cases: [string, string][] = [
      ['Record ID', 'id'],
      ['Opportunity ID', 'id'],
      ['Opportunity Name', 'deal'],
      ['Title', 'deal'],
      ['Account Name', 'company'],
      ['Associated Company', 'company'],
      ['Deal Owner', 'owner'],
      ['Opportunity Owner', 'owner'],
      ['Create Date', 'created'],
      ['Add Time', 'created'],
      ['Deal Created', 'created'],
      ['Won Time', 'closed'],
      ['Lost Time', 'closed'],
      ['Close Time', 'closed'],
      ['Last Activity Date', 'lastActivity'],
      ['Deal Probability', 'probability'],
      ['Probability (%)', 'probability'],
      ['Closed Lost Reason', 'lostReason'],
      ['Outcome', 'status'],
      ['Deal Status', 'status'],
    ];
    for (const [header, field] of cases) {
      // beside a Stage column so that a Status alias is the Status column
      const map = mapDealColumns(['Stage', header]);
      expect([header, map.takenAs[1]]).toEqual([header, field]);
    }
  });

  test('Status is the Stage column only when there is no other', () => {
    expect(mapDealColumns(['Deal', 'Status']).index).toEqual({ deal: 0, stage: 1 });
    expect(mapDealColumns(['Status', 'Stage']).index).toEqual({ status: 0, stage: 1 });
    // Outcome is never a stage: a sheet with only Outcome has no Stage column
    expect(mapDealColumns(['Deal', 'Outcome']).index).toEqual({ deal: 0, status: 1 });
  });

  test('record-type prefixes: Pipedrive headers read without "Deal - "', () => {
    const headers = [
      'Deal - ID',
      'Deal - Title',
      'Deal - Value',
      'Deal - Currency',
      'Deal - Organization',
      'Deal - Owner',
      'Deal - Stage',
      'Deal - Status',
      'Deal - Deal created',
      'Deal - Won time',
      'Deal - Lost time',
      'Deal - Expected close date',
      'Deal - Lost reason',
      'Deal - Probability',
      'Person - Name',
    ];
    const map = mapDealColumns(headers);
    expect(map.index).toEqual({
      id: 0,
      deal: 1,
      amount: 2,
      company: 4,
      owner: 5,
      stage: 6,
      status: 7,
      created: 8,
      closed: 9,
      expectedClose: 11,
      lostReason: 12,
      probability: 13,
    });
    // Won time (9) and Lost time (10) are one Closed column: whichever is filled
    expect(map.closedAlso).toBe(10);
    expect(map.sharedCloseDate).toBe(false);
    // Currency and Person - Name stay the team's own
    expect(map.takenAs[3]).toBeNull();
    expect(map.takenAs[14]).toBeNull();
    // "Opportunity " and "Deal " prefixes too; "Dealer" is no prefix
    expect(mapDealColumns(['Opportunity Stage', 'Opportunity Amount', 'Deal Title']).index).toEqual({
      stage: 0,
      amount: 1,
      deal: 2,
    });
    expect(mapDealColumns(['Stage', 'Dealer Name']).takenAs).toEqual(['stage', null]);
  });

  test('a full-header match wins over a shortened one; else the first from the left', () => {
    // "Deal - Title" (shortened, col 0) loses to "Deal Name" (full, col 1)
    expect(mapDealColumns(['Deal - Title', 'Deal Name', 'Stage']).index.deal).toBe(1);
    expect(mapDealColumns(['Deal - Title', 'Deal Name', 'Stage']).takenAs[0]).toBeNull();
    // two full matches: the leftmost; the other stays the team's own column
    const map = mapDealColumns(['Deal Stage', 'Stage', 'Value', 'Revenue']);
    expect(map.index).toEqual({ stage: 0, amount: 2 });
    expect(map.takenAs).toEqual(['stage', null, 'amount', null]);
  });

  test('Close Date: both Expected Close and Closed without a Closed column, else Expected Close', () => {
    const hubspot = mapDealColumns(['Deal Name', 'Deal Stage', 'Close Date']);
    expect(hubspot.sharedCloseDate).toBe(true);
    expect(hubspot.index.expectedClose).toBe(2);
    expect(hubspot.index.closed).toBe(2);
    const own = mapDealColumns(['Deal', 'Stage', 'Close Date', 'Closed On']);
    expect(own.sharedCloseDate).toBe(false);
    expect(own.index).toMatchObject({ expectedClose: 2, closed: 3 });
    // "Expected Close" is never Closed
    expect(mapDealColumns(['Stage', 'Expected Close']).index.closed).toBeUndefined();
  });

  test('a Probability header that says % is flagged', () => {
    expect(mapDealColumns(['Stage', 'Probability (%)']).probabilityPercent).toBe(true);
    expect(mapDealColumns(['Stage', 'Probability']).probabilityPercent).toBe(false);
  });
});
