import { defineConfig } from 'wxt';

/**
 * One manifest for Chrome and Firefox, both MV3, so there is a single code
 * path (service worker / event page, `action`, `storage.session`).
 *
 * Permissions (justified in the README):
 * - storage: settings and the API token, extension-private.
 * - alarms: wake the worker to retry queued reviews after it was stopped.
 * - activeTab: the popup's quick rating talks to the tab the user is on; with
 *   scripting and contextMenus, "Review selection" works on any page the user
 *   chooses, at that moment, without host permissions.
 * No host permissions for the task server: it answers CORS for extension
 * origins, so the worker can reach any server the user signs in to.
 */
const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "img-src 'self' data: blob:",
  "connect-src 'self' http: https:",
].join('; ');

/**
 * What `npm run package` puts in the sources zip that addons.mozilla.org asks for with a bundled add-on: only
 * what the extension's build reads, so that `npm ci && npx wxt zip -b firefox` in it makes the same Firefox
 * package. An allow-list, not WXT's default (everything but dotfiles, node_modules and test files): the server,
 * tests, saved chat pages (test/fixtures), screenshots (docs/), benches, test-results/ and any folder added
 * later stay on this machine. A new folder the extension imports from must be added here.
 */
const AMO_SOURCES = [
  'entrypoints/**',
  'components/**',
  'locales/**',
  'utils/**',
  'public/**',
  'package.json',
  'package-lock.json',
  'wxt.config.ts',
  'tsconfig.json',
  'README.md',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  manifestVersion: 3,
  // .output/attending-<version>-chrome.zip, -firefox.zip and (Firefox only) -sources.zip.
  zip: { excludeSources: ['**'], includeSources: AMO_SOURCES },
  manifest: ({ browser }) => ({
    // Every string the user reads comes from locales/<language>.yml (see the README's Languages).
    default_locale: 'en',
    name: '__MSG_manifest_name__',
    description: '__MSG_manifest_description__',
    permissions: ['storage', 'alarms', 'activeTab', 'contextMenus', 'scripting'],
    action: { default_title: '__MSG_manifest_name__' },
    // Keyboard shortcuts that work on the chat page itself (changeable in the browser's shortcut settings).
    commands: {
      'previous-response': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_manifest_commands_previous__',
      },
      'next-response': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_manifest_commands_next__',
      },
      'approve-response': {
        suggested_key: { default: 'Alt+Shift+A' },
        description: '__MSG_manifest_commands_approve__',
      },
      'improve-response': {
        suggested_key: { default: 'Alt+Shift+I' },
        description: '__MSG_manifest_commands_improve__',
      },
    },
    // Extension pages run only their own bundled scripts, load no plugins, fetch no remote images or
    // styles (replayed conversations included), submit no forms; the worker talks to any task server.
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    web_accessible_resources: [
      {
        // The review panel is framed by the content script. A dynamic URL
        // (Chrome) changes every session, so it cannot identify the user.
        resources: ['panel.html'],
        matches: ['<all_urls>'],
        ...(browser === 'chrome' ? { use_dynamic_url: true } : {}),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'attending@attending.health',
              // 140 (an ESR) is the first Firefox that shows the data collection consent below at install;
              // older ones would install the add-on without it. No gecko_android key: Android is not
              // supported (no context menus or keyboard commands there), and that key would list it on AMO.
              strict_min_version: '140.0',
              // What leaves the browser: the model output reviewed (website content), which may be clinical, to
              // the task server the user signs in to.
              data_collection_permissions: { required: ['websiteContent', 'healthInfo'] },
            },
          },
        }
      : {}),
  }),
});
