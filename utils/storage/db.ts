/**
 * Everything the extension persists in IndexedDB, in one registry: the
 * database name, its version and the upgrade step of each version. IndexedDB
 * belongs to the extension's origin, so no web page and no content script can
 * read it: the API token lives here too, not in `storage.local`.
 *
 * To change a store: bump DB_VERSION and add a step to UPGRADES; never edit a
 * step that has shipped; test/unit/storage.test.ts opens a database of each
 * earlier version with items in it and upgrades it.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { AuthState, TaskLine } from '../messages/background';
import type { OutboxItem } from '../outbox/item';
import type { Project } from '../schema/project';
import type { AssignedTask } from '../schema/task';

export interface Settings {
  auth: { serverUrl: string; token: string; state: Exclude<AuthState, { status: 'signed-out' }> };
  /** The lines of the user's assigned tasks and their team's projects, as last fetched: what the popup reads. */
  tasks: { fetchedAt: number; lines: TaskLine[]; projects: Project[]; error?: string };
  /** The assigned tasks whole (prompts and responses), read only to open one. */
  assigned: AssignedTask[];
  /** Projects whose guidelines the panel has shown open, before their first task. */
  guidelinesShown: string[];
}
export type SettingKey = keyof Settings;

export interface AttendingDb extends DBSchema {
  outbox: {
    key: string;
    value: OutboxItem;
    /** `byPage`: reviews by the URL of the page they are about (a written prompt has none). */
    indexes: { byState: [string, number]; byPage: string };
  };
  settings: {
    key: SettingKey;
    value: Settings[SettingKey];
  };
  /** Unsent review panels' form state, by what they review (see background/sessions). */
  drafts: {
    key: string;
    value: { key: string; state: unknown; savedAt: number };
  };
}

const DB_NAME = 'attending';
const DB_VERSION = 3;

type Upgrade = (
  db: IDBPDatabase<AttendingDb>,
  tx: IDBPTransaction<AttendingDb, StoreNames<AttendingDb>[], 'versionchange'>,
) => void;

/** UPGRADES[n] takes the database from version n to n + 1. */
const UPGRADES: Upgrade[] = [
  (db) => {
    const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('byState', ['state', 'createdAt']);
    db.createObjectStore('settings');
  },
  (db) => {
    db.createObjectStore('drafts', { keyPath: 'key' });
  },
  (_db, tx) => {
    tx.objectStore('outbox').createIndex('byPage', 'submission.capture.url');
  },
];

/** Opens (creating or upgrading) the database; `version` is for tests of the upgrades. */
export function openAttendingDb(name = DB_NAME, version = DB_VERSION): Promise<IDBPDatabase<AttendingDb>> {
  return openDB<AttendingDb>(name, version, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < version; v++) UPGRADES[v]?.(db, tx);
    },
  });
}

export type Db = IDBPDatabase<AttendingDb>;

export async function getSetting<K extends SettingKey>(db: Db, key: K): Promise<Settings[K] | undefined> {
  return (await db.get('settings', key)) as Settings[K] | undefined;
}

export async function setSetting<K extends SettingKey>(db: Db, key: K, value: Settings[K]): Promise<void> {
  await db.put('settings', value, key);
}
