import type { OccurrenceCalendarResponse } from '@leitstand/api-contracts';
import { calendarRows } from './maintenance-api.service';

describe('calendarRows', () => {
  it('resolves each item to the requirement and asset it indexes, keeping the answer order', () => {
    const answer: OccurrenceCalendarResponse = {
      requirements: [
        { id: 'r-1', taskKey: 'elevator-maintenance', title: 'Aufzugswartung' },
        { id: 'r-2', taskKey: 'elevator-statutory-inspection', title: 'Aufzugsprüfung ZÜS' },
      ],
      assets: [
        { id: 'a-1', code: 'AZ-01', name: 'Aufzug Haus A', trade: 'elevators' },
        { id: 'a-2', code: 'AZ-02', name: 'Aufzug Haus B', trade: 'elevators' },
      ],
      items: [
        { id: 'o-1', requirement: 1, asset: 0, targetDate: '2026-12-07', status: 'due' },
        { id: 'o-2', requirement: 0, asset: 0, targetDate: '2026-12-07', status: 'planned' },
        { id: 'o-3', requirement: 0, asset: 1, targetDate: '2026-12-09', status: 'missed' },
      ],
    };
    expect(calendarRows(answer)).toEqual([
      {
        id: 'o-1',
        targetDate: '2026-12-07',
        status: 'due',
        requirementId: 'r-2',
        taskKey: 'elevator-statutory-inspection',
        title: 'Aufzugsprüfung ZÜS',
        assetId: 'a-1',
        assetCode: 'AZ-01',
        assetName: 'Aufzug Haus A',
        trade: 'elevators',
      },
      expect.objectContaining({ id: 'o-2', requirementId: 'r-1', assetCode: 'AZ-01' }),
      expect.objectContaining({ id: 'o-3', requirementId: 'r-1', assetId: 'a-2', assetCode: 'AZ-02' }),
    ]);
  });

  it('leaves out an item whose index names no requirement or asset', () => {
    expect(
      calendarRows({
        requirements: [{ id: 'r-1', taskKey: 'elevator-maintenance', title: 'Aufzugswartung' }],
        assets: [],
        items: [{ id: 'o-1', requirement: 0, asset: 0, targetDate: '2026-12-07', status: 'due' }],
      }),
    ).toEqual([]);
  });
});
