{{/* The chart's name, at most 63 characters (a label value). */}}
{{- define "realtime-asr.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's resource name: the release name, with the chart's appended unless it already contains it. */}}
{{- define "realtime-asr.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "realtime-asr.selectorLabels" -}}
app.kubernetes.io/name: {{ include "realtime-asr.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "realtime-asr.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "realtime-asr.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The Secret the pods read their keys from: the chart's own, or secrets.existingSecret. */}}
{{- define "realtime-asr.secretName" -}}
{{- default (include "realtime-asr.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The graceful drain's whole budget: preStop, then the host's shutdown timeout, then a margin before SIGKILL. */}}
{{- define "realtime-asr.terminationGracePeriodSeconds" -}}
{{- add .Values.drain.preStopSeconds .Values.drain.shutdownTimeoutSeconds .Values.drain.marginSeconds -}}
{{- end -}}
