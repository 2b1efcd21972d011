#!/usr/bin/env bash
# Azure CLI commands that make tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79 ready for the client app
# 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 in AzureCloud.
# Written by consent-doctor 0.1.0 from the tenant's current state. Run `consent-doctor check`
# afterwards to confirm that the tenant is healthy.
set -euo pipefail

# Nothing to change: the plan has no step.
