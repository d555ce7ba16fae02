// Types of the cdktf jest matchers registered in test/setup.ts (toHaveResource, ...).
import 'cdktf/lib/testing/adapters/jest';
