"""Corpus scale: sourcing statistics over a whole news archive, run on Dask.

`inputs` cuts an archive into partitions and reads their rows, `articles` turns a row into an
analysed article row, `store` lays out the Parquet dataset, `job` runs the partitions on a
Dask cluster, and `report` sums the dataset up per outlet and over time. Only the corpus
commands import this package: the backend server never loads Dask.
"""
