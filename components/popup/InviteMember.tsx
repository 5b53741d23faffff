/** For a lead: a one-time code to hand a new expert, who types it into their own popup to connect. */

import { type FormEvent, useState } from 'react';
import { i18n } from '#i18n';
import { SPECIALTY_LABEL } from '@/components/labels';
import { SLOT, withNodes } from '@/components/sentence';
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
      <summary>{i18n.t('popup.invite.heading')}</summary>
      <form onSubmit={submit} aria-label={i18n.t('popup.invite.heading')}>
        <label htmlFor="invite-name">{i18n.t('popup.invite.name')}</label>
        <input id="invite-name" required value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="invite-specialty">{i18n.t('popup.invite.specialty')}</label>
        <select
          id="invite-specialty"
          value={specialty ?? ''}
          onChange={(e) => setSpecialty(e.target.value ? Specialty.parse(e.target.value) : undefined)}
        >
          <option value="">{i18n.t('popup.invite.any')}</option>
          {Specialty.options.map((s) => (
            <option key={s} value={s}>
              {SPECIALTY_LABEL[s]}
            </option>
          ))}
        </select>
        <button type="submit">{i18n.t('popup.invite.make')}</button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <p role="status">
          {withNodes(
            i18n.t('popup.invite.made', {
              name: invite.name,
              date: new Date(invite.expiresAt).toLocaleDateString(),
              code: SLOT,
            }),
            <code className="invite-code">{invite.code}</code>,
          )}
        </p>
      )}
    </details>
  );
}
