import { errorOf } from '../testing';
import { defaultStageRows, parseStages, StageSet } from './stages';

const ALL = 'Lead, Qualified, Contacted, Needs Assessment, Proposal, Negotiation, Won, Lost';

describe('StageSet.defaults (SPEC §1 Stages)', () => {
  const stages = StageSet.defaults();

  test('eight stages in pipeline order with their probability, stall limit and outcome', () => {
    expect(stages.all.map((s) => [s.name, s.probability, s.stalledAfter, s.outcome])).toEqual([
      ['Lead', 0.1, 14, 'Open'],
      ['Qualified', 0.2, 14, 'Open'],
      ['Contacted', 0.3, 10, 'Open'],
      ['Needs Assessment', 0.4, 14, 'Open'],
      ['Proposal', 0.6, 10, 'Open'],
      ['Negotiation', 0.8, 7, 'Open'],
      ['Won', 1, null, 'Won'],
      ['Lost', 0, null, 'Lost'],
    ]);
    expect(stages.open.map((s) => s.name)).toEqual([
      'Lead',
      'Qualified',
      'Contacted',
      'Needs Assessment',
      'Proposal',
      'Negotiation',
    ]);
    expect(stages.won.name).toBe('Won');
    expect(stages.lost.map((s) => s.name)).toEqual(['Lost']);
  });

  test('find is case- and space-insensitive', () => {
    expect(stages.find('proposal')?.name).toBe('Proposal');
    expect(stages.find('  NEEDS assessment ')?.name).toBe('Needs Assessment');
    expect(stages.find('Prospecting')).toBeUndefined();
  });

  test('require: an unknown stage is an error listing the stages', () => {
    expect(errorOf(() => stages.require('Prospecting'))).toBe(
      `Unknown stage "Prospecting". Stages are: ${ALL}.`,
    );
  });

  test('defaultStageRows parses back to the defaults', () => {
    expect(parseStages(defaultStageRows()).all).toEqual(stages.all);
  });
});

describe('parseStages (a team-edited Stages sheet)', () => {
  test('renamed, reordered rows; probabilities as 25%, 0.5 or 75; blank Stalled After = never', () => {
    const stages = parseStages([
      ['Outcome', 'Stage', 'Probability', 'Stalled After (days)'],
      ['Open', 'Discovery', '25%', 5],
      ['Open', 'Demo', 0.5, ''],
      ['Open', 'Contract', 75, '3'],
      ['', '', '', ''],
      ['Closed Won', 'Signed', '', ''],
      ['Lost', 'Lost', '0%', ''],
      ['Lost', 'No Decision', 0, ''],
    ]);
    expect(stages.all.map((s) => [s.name, s.index, s.probability, s.stalledAfter, s.outcome])).toEqual([
      ['Discovery', 0, 0.25, 5, 'Open'],
      ['Demo', 1, 0.5, null, 'Open'],
      ['Contract', 2, 0.75, 3, 'Open'],
      // Won with a blank probability → 1
      ['Signed', 3, 1, null, 'Won'],
      ['Lost', 4, 0, null, 'Lost'],
      ['No Decision', 5, 0, null, 'Lost'],
    ]);
  });

  test('no rows, or only a header, gives the defaults', () => {
    expect(parseStages([]).all.length).toBe(8);
    expect(parseStages([['Stage', 'Probability']]).all.length).toBe(8);
  });

  test('exactly one Won stage is needed', () => {
    const rows = [
      ['Stage', 'Probability', 'Outcome'],
      ['A', 0.5, 'Open'],
      ['W1', 1, 'Won'],
      ['W2', 1, 'Won'],
      ['L', 0, 'Lost'],
    ];
    expect(errorOf(() => parseStages(rows))).toContain('exactly one stage with Outcome "Won" (found 2)');
    expect(
      errorOf(() =>
        parseStages([
          ['Stage', 'Probability', 'Outcome'],
          ['A', 0.5, 'Open'],
          ['L', 0, 'Lost'],
        ]),
      ),
    ).toContain('(found 0)');
  });

  test('at least one Lost stage is needed', () => {
    expect(
      errorOf(() =>
        parseStages([
          ['Stage', 'Probability', 'Outcome'],
          ['A', 0.5, 'Open'],
          ['W', 1, 'Won'],
        ]),
      ),
    ).toContain('at least one stage with Outcome "Lost"');
  });

  test('errors name the cell at fault', () => {
    const base = ['Stage', 'Probability', 'Stalled After', 'Outcome'];
    expect(errorOf(() => parseStages([base, ['A', 0.5, 3, 'Maybe']]))).toBe(
      'Stages!D2: Outcome "Maybe" must be Open, Won or Lost.',
    );
    expect(errorOf(() => parseStages([base, ['A', 'likely', 3, 'Open']]))).toContain('Stages!B2');
    expect(errorOf(() => parseStages([base, ['A', '', 3, 'Open']]))).toContain('needs a probability');
    expect(errorOf(() => parseStages([base, ['A', 0.5, 'soon', 'Open']]))).toContain('Stages!C2');
  });

  test('a stage listed twice is an error', () => {
    expect(
      errorOf(() =>
        parseStages([
          ['Stage', 'Probability', 'Outcome'],
          ['Demo', 0.5, 'Open'],
          ['demo', 0.5, 'Open'],
          ['W', 1, 'Won'],
          ['L', 0, 'Lost'],
        ]),
      ),
    ).toContain('"demo" twice');
  });

  test('a sheet without a Stage column names it', () => {
    expect(errorOf(() => parseStages([['Probability'], [0.5]]))).toContain('Stages has no Stage column');
  });
});
