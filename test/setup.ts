// Registers the cdktf jest matchers (toHaveResource, toHaveResourceWithProperties, ...).
import { Testing } from 'cdktf';

Testing.setupJest();
