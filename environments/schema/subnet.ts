import { z } from 'zod';
import { ipv4Cidr } from './primitives';

export const subnet = z.strictObject({
  cidr: ipv4Cidr.describe('CIDR block of the subnet; must lie inside its VPC CIDR'),
  availabilityZone: z
    .string()
    .regex(/^[a-z]{2}-[a-z]+-\d[a-z]$/, 'must be an availability zone name such as us-east-1a')
    .describe('Availability zone name, in the environment region'),
});
export type SubnetConfig = z.infer<typeof subnet>;
