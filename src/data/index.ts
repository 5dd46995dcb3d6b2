/** data: datasets, the DataLoader, collation, file loaders (MNIST IDX, CSV) and toy data sets. */
export { DataFormatError, DataNotFoundError } from './errors.js';
export { type Dataset, type AsyncDataset, MapDataset, ArrayDataset, TensorDataset, Subset, randomSplit } from './dataset.js';
export { type Collated, defaultCollate, stackRows, gatherRows } from './collate.js';
export { DataLoader, type DataLoaderOptions } from './loader.js';
export { type SeedOptions } from './rng.js';
export { type SyntheticData, type SyntheticOptions, xor, moons, circles, spirals, blobs } from './synthetic.js';
export { parseIdx, type IdxData } from './idx.js';
export {
  loadMnist, type MnistOptions, type MnistData,
  MNIST_MEAN, MNIST_STD, FASHION_MNIST_MEAN, FASHION_MNIST_STD, MNIST_CLASSES, FASHION_MNIST_CLASSES,
} from './mnist.js';
export { downloadMnist } from './download.js';
export { loadCsv, parseCsv, type CsvOptions, type CsvData, type CsvFeatures } from './csv.js';
