import { Alert, Skeleton } from 'antd';

/** Loading skeleton or an error alert with the server's Chinese message. */
export function PageState({ loading, error }: { loading: boolean; error: Error | null }) {
  if (error) return <Alert type="error" showIcon title="加载失败" description={error.message} data-testid="error-message" />;
  if (loading) return <Skeleton active paragraph={{ rows: 8 }} />;
  return null;
}
