// Live checks while a form is filled in: the procedure's rules run on the
// server (POST /api/procedures/:id/assess) a moment after the user stops typing.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { caseApi, type Assessment, type FieldIssue } from './caseApi';

export function useLiveAssessment(procedure: string, read: () => unknown, delayMs = 500) {
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [checking, setChecking] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const ctrl = useRef<AbortController | null>(null);
  // The latest `read`, for the timer below; updated after each commit (a ref is not written during render).
  const readRef = useRef(read);
  useLayoutEffect(() => {
    readRef.current = read;
  });

  const check = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      ctrl.current?.abort();
      const c = new AbortController();
      ctrl.current = c;
      setChecking(true);
      caseApi.assess(procedure, readRef.current(), c.signal).then(
        (a) => {
          if (c.signal.aborted) return;
          setAssessment(a);
          setIssues([]);
          setChecking(false);
        },
        (err: Error & { details?: FieldIssue[] }) => {
          if (c.signal.aborted || err.name === 'AbortError') return;
          setAssessment(null);
          setIssues(err.details?.length ? err.details : [{ field: '', message: err.message }]);
          setChecking(false);
        },
      );
    }, delayMs);
  }, [procedure, delayMs]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      ctrl.current?.abort();
    },
    [],
  );

  return { assessment, setAssessment, issues, setIssues, checking, check };
}
