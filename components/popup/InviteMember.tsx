/** For a lead: a one-time code to hand a new expert, who types it into their own popup to connect. */
import { type FormEvent, useState } from 'react';
import { SPECIALTY_LABEL } from '@/components/labels';
import { sendToBackground } from '@/utils/messages/send';
import type { Invite } from '@/utils/schema/api';
import { Specialty } from '@/utils/schema/clinical';

export function InviteMember() {
  const [name, setName] = useState('');
  const [specialty, setSpecialty] = useState<Specialty>();
  const [invite, setInvite] = useState<Invite>();
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      setInvite(await sendToBackground({ type: 'invite.create', name, ...(specialty ? { specialty } : {}) }));
      setName('');
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <details className="card">
      <summary>Invite a new expert</summary>
      <form onSubmit={submit} aria-label="Invite a new expert">
        <label htmlFor="invite-name">Their name</label>
        <input id="invite-name" required value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="invite-specialty">Specialty</label>
        <select
          id="invite-specialty"
          value={specialty ?? ''}
          onChange={(e) => setSpecialty(e.target.value ? Specialty.parse(e.target.value) : undefined)}
        >
          <option value="">Any</option>
          {Specialty.options.map((s) => (
            <option key={s} value={s}>
              {SPECIALTY_LABEL[s]}
            </option>
          ))}
        </select>
        <button type="submit">Make an invite code</button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <p role="status">
          Give {invite.name} this code and the server address; it works once, until{' '}
          {new Date(invite.expiresAt).toLocaleDateString()}: <code className="invite-code">{invite.code}</code>
        </p>
      )}
    </details>
  );
}
