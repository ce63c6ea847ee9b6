/// S3 client: lands with the object-store work.
