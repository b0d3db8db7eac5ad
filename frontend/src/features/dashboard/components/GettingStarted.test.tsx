import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { GettingStarted } from './GettingStarted';

describe('GettingStarted', () => {
  it('asks for today’s balance as its third step, linking to the balance page', () => {
    render(
      <MemoryRouter>
        <GettingStarted hasPayday hasBill hasBalance={false} />
      </MemoryRouter>,
    );
    expect(screen.getByRole('link', { name: 'Enter your balance' })).toHaveAttribute('href', '/balance');
    expect(screen.getAllByText('Done')).toHaveLength(2);
  });

  it('marks every step done once they are', () => {
    render(
      <MemoryRouter>
        <GettingStarted hasPayday hasBill hasBalance />
      </MemoryRouter>,
    );
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getAllByText('Done')).toHaveLength(3);
  });
});
