"""Tools the performance team and developers run by hand, outside the running app: the demo generators and the
importer of DfE's published statistics."""
