import { Empty } from 'antd';

export default function InboxPage() {
  return <Empty />;
}
