import { Empty } from 'antd';

export default function TokensPage() {
  return <Empty />;
}
