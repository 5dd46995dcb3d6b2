/**
 * Tensor methods for the 'conv' composite family: deliberately none. Like torch.nn.functional,
 * conv2d, maxPool2d & co. are functions (exported from src/ops/composite/conv), since they take
 * a weight and options rather than acting on one tensor.
 */
export {};
