import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '@/lib/session';
import { SignOutMutation } from '../api/signOut';

/** Signs out on the server, then forgets everything cached for this user. */
export function SignOutButton({ className }: { className?: string }) {
  const [{ fetching }, signOut] = useMutation(SignOutMutation);
  const { resetSession } = useSession();
  const navigate = useNavigate();
  const click = async () => {
    // Even if the server cannot be reached, leave the signed-in screens.
    await signOut({});
    resetSession();
    navigate('/signin', { replace: true });
  };
  return (
    <button type="button" className={className} onClick={click} disabled={fetching}>
      {fetching ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
