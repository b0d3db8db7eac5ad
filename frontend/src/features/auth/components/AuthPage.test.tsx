import { screen } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { forecast, viewer } from '@/test/fixtures';
import { graphqlError, renderApp } from '@/test/render';
import { server } from '@/test/server';

describe('Sign in and sign up', () => {
  it('shows the server’s message when the credentials are wrong', async () => {
    server.use(graphql.mutation('SignIn', () => graphqlError('Invalid email or password.', 'UNAUTHENTICATED')));
    const { user } = renderApp('/signin', { signedIn: false });
    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password.');
  });

  it('says when an email is already taken', async () => {
    server.use(graphql.mutation('SignUp', () => graphqlError('That email is already registered.', 'CONFLICT')));
    const { user } = renderApp('/signup', { signedIn: false });
    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'long enough');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That email is already registered.');
  });

  it('checks the form before sending anything', async () => {
    const signUp = vi.fn();
    server.use(graphql.mutation('SignUp', signUp));
    const { user } = renderApp('/signup', { signedIn: false });
    await user.type(await screen.findByLabelText('Email'), 'not-an-email');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText(/enter your email address/i)).toBeInTheDocument();
    expect(screen.getByText('Use 8 to 128 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(signUp).not.toHaveBeenCalled();
  });

  it('signs up and lands on the dashboard', async () => {
    let signedIn = false;
    const { user } = renderApp('/signup', { signedIn: false });
    server.use(
      graphql.query('Me', () => HttpResponse.json({ data: { me: signedIn ? viewer : null } })),
      graphql.mutation('SignUp', ({ variables }) => {
        signedIn = true;
        return HttpResponse.json({
          data: { signUp: { __typename: 'AuthPayload', user: { ...viewer, email: variables.email } } },
        });
      }),
      graphql.query('Dashboard', () =>
        HttpResponse.json({ data: { forecast: { ...forecast, periods: [] }, paydays: [], bills: [] } }),
      ),
    );
    await user.type(await screen.findByLabelText('Email'), ' Ada@Example.com ');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { name: /let’s find out what to set aside/i })).toBeInTheDocument();
  });
});
