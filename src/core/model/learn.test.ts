import { learnStages, outcomeNamed } from './learn';
import { StageSet, stageSheetRows } from './stages';

const names = (rows: unknown[][]) => learnStages(rows).list.map((s) => s.name);

describe('learnStages (SPEC §1 "Without a Stages sheet")', () => {
  test('a sheet of default stages reads exactly as with the defaults', () => {
    const learned = learnStages([
      ['Deal', 'Stage'],
      ['a', 'proposal'],
      ['b', ' Lead '],
      ['c', 'won'],
      ['d', 'LOST'],
      ['e', ''],
    ]);
    expect(learned.source).toBe('defaults');
    expect(learned.stages.all).toEqual(StageSet.defaults().all);
    expect(learned.list.map((s) => [s.name, s.deals])).toEqual([
      ['Lead', 1],
      ['Qualified', 0],
      ['Contacted', 0],
      ['Needs Assessment', 0],
      ['Proposal', 1],
      ['Negotiation', 0],
      ['Won', 1],
      ['Lost', 1],
    ]);
  });

  test('no deals at all: the defaults', () => {
    expect(learnStages([['Deal', 'Stage']]).stages.all).toEqual(StageSet.defaults().all);
    expect(learnStages([]).source).toBe('defaults');
  });

  test('a one-deal stray among a default pipeline stays an unknown stage', () => {
    // 4 deals in default stages, 1 in "Closing": a typo, listed as unknown
    const learned = learnStages([
      ['Stage'],
      ['Lead'],
      ['Qualified'],
      ['Proposal'],
      ['Negotiation'],
      ['Closing'],
      ['Won'],
    ]);
    expect(learned.source).toBe('defaults');
    expect(learned.unknown).toEqual(['Closing']);
    // …but two deals in it (or one among three) make it a stage of the team's own pipeline
    expect(
      learnStages([['Stage'], ['Lead'], ['Qualified'], ['Proposal'], ['Closing'], ['Closing']]).source,
    ).toBe('learned');
    expect(learnStages([['Stage'], ['Lead'], ['Qualified'], ['Closing']]).source).toBe('learned');
  });

  test('outcome names', () => {
    expect(['Won', 'Closed Won', 'closed-won', 'Deal Won', 'won'].map(outcomeNamed)).toEqual(
      Array(5).fill('Won'),
    );
    expect(['Lost', 'Closed Lost', 'Deal lost'].map(outcomeNamed)).toEqual(Array(3).fill('Lost'));
    expect(['Closing', 'Won back', 'Lost in review', ''].map(outcomeNamed)).toEqual(Array(4).fill(null));
  });

  test('HubSpot: its whole pipeline, in order, with its probabilities, in the sheet’s spelling', () => {
    const learned = learnStages([
      ['Deal Name', 'Deal Stage'],
      ['a', 'Contract sent'],
      ['b', 'Appointment scheduled'],
      ['c', 'Closed won'],
      ['d', 'Closed lost'],
    ]);
    expect(learned.source).toBe('hubspot');
    expect(learned.list.map((s) => [s.name, s.probability, s.outcome, s.deals])).toEqual([
      ['Appointment scheduled', 0.2, 'Open', 1],
      ['Qualified To Buy', 0.4, 'Open', 0],
      ['Presentation Scheduled', 0.6, 'Open', 0],
      ['Decision Maker Bought-In', 0.8, 'Open', 0],
      ['Contract sent', 0.9, 'Open', 1],
      ['Closed won', 1, 'Won', 1],
      ['Closed lost', 0, 'Lost', 1],
    ]);
  });

  test('Salesforce and Pipedrive pipelines', () => {
    expect(names([['Stage'], ['Negotiation/Review'], ['Prospecting'], ['Closed Won']])).toEqual([
      'Prospecting',
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Id. Decision Makers',
      'Perception Analysis',
      'Proposal/Price Quote',
      'Negotiation/Review',
      'Closed Won',
      'Closed Lost',
    ]);
    // Pipedrive keeps the outcome in Status; Stage is where a closed deal closed
    const pipedrive = learnStages([
      ['Deal - Stage', 'Deal - Status'],
      ['Proposal Made', 'Open'],
      ['Lead In', 'open'],
      ['Negotiations Started', 'Won'],
      ['Contact Made', 'Lost'],
      ['Contact Made', 'Lost'],
    ]);
    expect(pipedrive.source).toBe('pipedrive');
    expect(pipedrive.list.map((s) => [s.name, s.probability, s.deals])).toEqual([
      ['Lead In', 0.1, 1],
      ['Contact Made', 0.2, 0],
      ['Demo Scheduled', 0.4, 0],
      ['Proposal Made', 0.6, 1],
      ['Negotiations Started', 0.8, 0],
      ['Won', 1, 1],
      ['Lost', 0, 2],
    ]);
  });

  test('a team’s own stages in order of first appearance, probabilities spread 10 %–90 %', () => {
    const learned = learnStages([
      ['Deal', 'Stage'],
      ['a', 'Discovery'],
      ['b', 'Pilot'],
      ['c', 'Discovery'],
      ['d', 'Signed'],
      ['e', 'Contract Out'],
      ['f', 'Dropped'], // not an outcome name: an open stage
      ['g', 'Closed Lost'],
    ]);
    expect(learned.source).toBe('learned');
    expect(learned.list.map((s) => [s.name, s.outcome, s.deals, s.stalledAfter])).toEqual([
      ['Discovery', 'Open', 2, 14],
      ['Pilot', 'Open', 1, 14],
      ['Signed', 'Open', 1, 14],
      ['Contract Out', 'Open', 1, 14],
      ['Dropped', 'Open', 1, 14],
      ['Won', 'Won', 0, null],
      ['Closed Lost', 'Lost', 1, null],
    ]);
    // 5 open stages: 10 %, 30 %, 50 %, 70 %, 90 %
    expect(learned.list.slice(0, 5).map((s) => s.probability)).toEqual([0.1, 0.3, 0.5, 0.7, 0.9]);
  });

  test('ordered by mean Probability when every stage has one; a known name keeps its probability', () => {
    const learned = learnStages([
      ['Stage', 'Probability'],
      ['Pilot', '50%'],
      ['Pilot', '70%'], // mean 60 %
      ['Discovery', 0.2],
      ['Contract', 90],
      ['Won', ''],
    ]);
    expect(learned.list.map((s) => [s.name, s.probability])).toEqual([
      ['Discovery', 0.2],
      ['Pilot', 0.6],
      ['Contract', 0.9],
      ['Won', 1],
      ['Lost', 0],
    ]);
    // Not every stage has a Probability: first appearance; "Proposal" takes the defaults' 60 %,
    // "Pilot" its deals' 50 %, "Discovery" the even spread at position 3 of 3 → 90 %.
    const mixed = learnStages([
      ['Stage', 'Probability'],
      ['Pilot', '50%'],
      ['Proposal', ''],
      ['Discovery', ''],
      ['Discovery', ''],
    ]);
    expect(mixed.list.slice(0, 3).map((s) => [s.name, s.probability])).toEqual([
      ['Pilot', 0.5],
      ['Proposal', 0.6],
      ['Discovery', 0.9],
    ]);
  });

  test('ordered by History when the deals’ Probability cannot order them', () => {
    const deals = [
      ['ID', 'Stage'],
      ['1', 'Signed'],
      ['2', 'Pilot'],
      ['3', 'Discovery'],
      ['4', 'Pilot'],
    ];
    const history = [
      ['When', 'Deal ID', 'Deal', 'From', 'To'],
      ['', '1', '', 'Discovery', 'Pilot'],
      ['', '1', '', 'Pilot', 'Signed'],
      ['', '2', '', 'Discovery', 'Pilot'],
    ];
    // Discovery before Pilot (2 deals) and Signed (1); Pilot before Signed (1)
    expect(learnStages(deals, { history }).list.map((s) => s.name)).toEqual([
      'Discovery',
      'Pilot',
      'Signed',
      'Won',
      'Lost',
    ]);
    // Without History: first appearance
    expect(names(deals).slice(0, 3)).toEqual(['Signed', 'Pilot', 'Discovery']);
  });

  test('rows for a Stages sheet', () => {
    const rows = stageSheetRows(learnStages([['Stage'], ['Discovery'], ['Demo'], ['Won']]).list);
    expect(rows).toEqual([
      ['Stage', 'Probability', 'Stalled After (days)', 'Outcome'],
      ['Discovery', 0.1, 14, 'Open'],
      ['Demo', 0.9, 14, 'Open'],
      ['Won', 1, '', 'Won'],
      ['Lost', 0, '', 'Lost'],
    ]);
  });
});
