import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { AnswerView } from './AnswerView';
import type { Answer } from './api';

vi.mock('./ChartView', () => ({ ChartView: () => <div data-testid="chart" /> }));

afterEach(cleanup);

const answer: Answer = {
  question: 'which sprint had the worst spillover?',
  spec: { metrics: ['spillover_ratio'], dimensions: ['sprint'], limit: 1 },
  explanation: 'Ranking: Spillover ratio per sprint, highest first, top 1',
  sql: 'SELECT 1',
  params: [],
  columns: [{ name: 'sprint', type: 'string' }, { name: 'sprint_id', type: 'string' }, { name: 'spillover_ratio', type: 'number', unit: 'ratio' }],
  rows: [['ALPHA Sprint 5', 'x-1', 0.25]],
  meta: { query_time_ms: 12, cached: false, data_as_of: '2026-11-29T12:00:00Z', row_count: 1, truncated: false,
          rows_cut: { reason: 'limit', shown: 1, total_rows: 27, detail: 'the limit of 1 keeps the first 1 of 27 rows' },
          translator: 'offline', confidence: 1, shape: 'ranking' },
};

describe('an answer', () => {
  it('says the reading, how fresh, and why rows were cut', () => {
    render(<AnswerView answer={answer} onAsk={() => {}} now={Date.parse('2026-11-29T12:00:30Z')} />);
    expect(screen.getByText(answer.explanation)).toBeTruthy();
    expect(screen.getByText(/30 s ago/)).toBeTruthy();
    expect(screen.getByText(/keeps the first 1 of 27 rows/)).toBeTruthy();
    expect(screen.getByTestId('chart')).toBeTruthy();
  });

  it('shows the rows without the id column and formats ratios', () => {
    render(<AnswerView answer={answer} onAsk={() => {}} />);
    expect(screen.queryByText('sprint id')).toBeNull();
    expect(screen.getByText('25.0%')).toBeTruthy();
  });

  it('keeps the spec and SQL behind a disclosure', () => {
    render(<AnswerView answer={answer} onAsk={() => {}} />);
    expect(screen.queryByText('SELECT 1')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /spec and SQL/ }));
    expect(screen.getByText('SELECT 1')).toBeTruthy();
  });

  it('turns a refusal into suggestions that ask again', () => {
    const onAsk = vi.fn();
    render(<AnswerView answer={{ refused: true, detail: 'no revenue in the data', suggestions: ['Velocity per project'] }} onAsk={onAsk} />);
    expect(screen.getByText(/no revenue in the data/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Velocity per project' }));
    expect(onAsk).toHaveBeenCalledWith('Velocity per project');
  });
});
