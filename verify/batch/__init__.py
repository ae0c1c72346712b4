"""`verify batch`: audits of whole archives on all cores (or a Dask cluster), resumable, with tables."""
