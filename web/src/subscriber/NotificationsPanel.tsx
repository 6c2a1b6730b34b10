import { useResource } from '../useResource.js';
import { ChannelsCard } from './ChannelsCard.js';
import { DeadLettersCard } from './DeadLettersCard.js';
import { FeedCard } from './FeedCard.js';
import { SettingsCard } from './SettingsCard.js';
import { subscriberApi } from './subscriberApi.js';

/** How the organization hears: its channels, the feed, what failed to arrive, and its settings. */
export function NotificationsPanel({ org, operator }: { org: string | undefined; operator: boolean }) {
  const channels = useResource((signal) => subscriberApi.listChannels(org, signal), [org]);
  return (
    <div className="admin-grid">
      <div className="subscriber-stack">
        <ChannelsCard org={org} channels={channels} />
        <FeedCard org={org} />
        <DeadLettersCard org={org} onReplayed={channels.reload} />
      </div>
      <SettingsCard org={org} operator={operator} />
    </div>
  );
}
