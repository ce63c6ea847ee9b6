"""Upload one file with boto3's managed transfer (upload_file), the way most Python tools do it.

usage: upload_boto3.py FILE BUCKET KEY   (endpoint and keys from AWS_ENDPOINT_URL_S3 / AWS_* variables)
"""
import os
import sys

import boto3
from botocore.config import Config

path, bucket, key = sys.argv[1:4]
client = boto3.client(
    "s3",
    endpoint_url=os.environ["AWS_ENDPOINT_URL_S3"],
    region_name=os.environ.get("AWS_REGION", "us-east-1"),
    config=Config(s3={"addressing_style": "path"}),
)
client.upload_file(path, bucket, key)
