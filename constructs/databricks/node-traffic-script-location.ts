/**
 * Where node-traffic encryption puts its init script in a volume. Kept free of provider imports: the
 * environment loader needs it to merge the script into the metastore's INIT_SCRIPT allowlist.
 */
export const NODE_TRAFFIC_SCRIPT_FILE_NAME = 'node-traffic-encryption.sh';

/** The file itself, not its directory: the allowlist matches by prefix, so a directory entry would cover siblings. */
export const nodeTrafficVolumeFile = (volumePath: string): string => `${volumePath}/${NODE_TRAFFIC_SCRIPT_FILE_NAME}`;
